using System.Diagnostics;
using System.Text;

namespace CreatorStream.Bench;

/// <summary>A <c>creatorstream worker</c> child process whose output is kept (the bench reads its assignment from it). Thread-safe.</summary>
internal sealed class WorkerProcess
{
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static WorkerProcess Start(string assembly, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Ends the process at once (SIGKILL) if it still runs.</summary>
    public void Stop()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Process.WaitForExit(10_000);
        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
