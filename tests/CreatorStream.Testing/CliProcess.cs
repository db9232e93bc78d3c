using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace CreatorStream.Testing;

/// <summary>
/// The <c>creatorstream</c> executable run as a child process (as an operator runs it), with its output collected.
/// <see cref="Kill"/> is SIGKILL: no shutdown code runs, as in a crash; <see cref="Terminate"/> is SIGTERM, a graceful stop.
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    // The .NET runtime's key for this process (its start time), in the names of the files it keeps in the temporary folder.
    private readonly string? _runtimeKey;

    private CliProcess(Process process)
    {
        _process = process;
        _runtimeKey = StartTime(process.Id);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>creatorstream</c> (built beside the test assembly) with <paramref name="args"/>, under
    /// <see cref="OrphanGuard"/>: a broker, worker or web role a test starts dies with the test process, even when the
    /// test host crashes and no <c>Dispose</c> runs (issue 25 found a worker and a broker left running after one did).
    /// </summary>
    public static CliProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start(string[])"/>, with <paramref name="environment"/> added to the process's environment.</summary>
    public static CliProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = OrphanGuard.StartInfo("dotnet", args.Prepend(Path.Combine(AppContext.BaseDirectory, "creatorstream.dll")));
        info.RedirectStandardInput = true;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new CliProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start creatorstream"));
    }

    /// <summary>Waits for an output line matching <paramref name="pattern"/> and returns its first group (or the match).</summary>
    public async Task<string> WaitForAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (pattern.Match(Output) is { Success: true } match)
            {
                return match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no output matching {pattern} within {timeout}; output so far:\n{Output}");
    }

    /// <summary>Waits for the process to end on its own and returns its exit code; kills it and throws after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"creatorstream did not exit within {timeout}; output so far:\n{Output}");
        }
    }

    /// <summary>Writes one line to the process's standard input (the broker verb's fault commands).</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Sends SIGTERM, as an orchestrator or <c>kill</c> does to stop a process gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        DeleteRuntimeFiles();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The start time in <c>/proc/PID/stat</c> (field 22), which the .NET runtime puts after the pid in the names of its
    /// debugger pipes and diagnostic socket; null when the process is already gone. It is kept across the guard's <c>exec</c>.
    /// </summary>
    private static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(") ", StringComparison.Ordinal) + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes the files the runtime keeps in the temporary folder while the process runs, once it has exited: it deletes
    /// them itself on an orderly exit, but a killed process (SIGKILL, as the crash tests do) leaves them behind. The pid
    /// and start time name that process's files only.
    /// </summary>
    private void DeleteRuntimeFiles()
    {
        if (_runtimeKey is null || !_process.HasExited)
        {
            return;
        }

        var name = $"{_process.Id}-{_runtimeKey}";
        foreach (var file in new[] { $"clr-debug-pipe-{name}-in", $"clr-debug-pipe-{name}-out", $"dotnet-diagnostic-{name}-socket" })
        {
            try
            {
                File.Delete(Path.Combine(Path.GetTempPath(), file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort, as for a temporary folder (TempDirectory).
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
