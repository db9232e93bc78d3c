namespace CreatorStream.Bench;

/// <summary>The process's peak resident set (the kernel's VmHWM), in MiB, and the CPU time it has used.</summary>
public static class ProcessMeters
{
    public static TimeSpan CpuTime()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public static double PeakRssMegabytes()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return Math.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1);
    }
}
