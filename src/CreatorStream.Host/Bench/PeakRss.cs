namespace CreatorStream.Host.Bench;

/// <summary>The process's peak resident set (the kernel's VmHWM), in MiB.</summary>
public static class PeakRss
{
    public static double Megabytes()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return Math.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1);
    }
}
