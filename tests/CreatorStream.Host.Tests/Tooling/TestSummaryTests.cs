using System.Globalization;
using System.Diagnostics;

namespace CreatorStream.Host.Tests.Tooling;

/// <summary>
/// The closing line of ./dev test (scripts/test-summary.mjs) on a test host that really crashes (tests/fixtures/
/// CrashingHost: three tests pass, one ends the process as a native fault would, two never run): issue 25 found a crashed
/// run reported as "926 passed, 0 failed". VSTest keeps no result of a crashed host, so every test it holds is counted
/// as failed, the run is named, and the script exits non-zero.
/// </summary>
public sealed class TestSummaryTests
{
    [Fact]
    public async Task Summary_TestHostThatCrashes_CountsEveryTestItHoldsAsFailedAndExitsNonZero()
    {
        var root = RepositoryRoot();
        using var results = new Testing.TempDirectory("crash-results-");
        var fixture = Path.Combine(root, "tests", "fixtures", "CrashingHost");
        var (crashed, crashOutput) = await RunAsync("dotnet", fixture, "test", "-c", "Release", "--logger", "trx", "--results-directory", results.Path);
        Assert.NotEqual(0, crashed);
        Assert.Contains("Test host process crashed", crashOutput, StringComparison.Ordinal);

        var dll = Path.Combine(fixture, "bin", "Release", "net10.0", "CrashingHost.dll");
        var (exit, summary) = await RunAsync("node", root, Path.Combine(root, "scripts", "test-summary.mjs"), results.Path, dll);

        Assert.NotEqual(0, exit);
        Assert.Contains("crashinghost: the test run was aborted", summary, StringComparison.Ordinal);

        // How many of the three passing tests VSTest wrote into the aborted run's TRX before the crash is a race (none in
        // most runs, two in one CI-like run): those count as passed, every other test the host held as failed.
        var totals = System.Text.RegularExpressions.Regex.Match(summary.TrimEnd(), @"(\d+) passed, (\d+) failed, 0 skipped$");
        Assert.True(totals.Success, summary);
        var (passed, failed) = (int.Parse(totals.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(totals.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(6, passed + failed);
        Assert.InRange(passed, 0, 3);
    }

    [Fact]
    public async Task Summary_AssemblyThatLeftNoResults_IsCountedAsFailed()
    {
        var root = RepositoryRoot();
        using var empty = new Testing.TempDirectory("no-results-");
        var dll = Path.Combine(root, "tests", "fixtures", "CrashingHost", "bin", "Release", "net10.0", "CrashingHost.dll");
        if (!File.Exists(dll))
        {
            await RunAsync("dotnet", Path.Combine(root, "tests", "fixtures", "CrashingHost"), "build", "-c", "Release");
        }

        var (exit, summary) = await RunAsync("node", root, Path.Combine(root, "scripts", "test-summary.mjs"), empty.Path, dll);

        Assert.NotEqual(0, exit);
        Assert.Contains("CrashingHost: no test results at all; 6 tests counted as failed", summary, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CreatorStream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (CreatorStream.sln) is not above " + AppContext.BaseDirectory);
    }

    private static bool IsCrashDumpSetting(string name) =>
        name.StartsWith("DOTNET_DbgEnableMiniDump", StringComparison.Ordinal) || name.StartsWith("DOTNET_DbgMiniDump", StringComparison.Ordinal)
        || name.StartsWith("COMPlus_DbgEnableMiniDump", StringComparison.Ordinal) || name.StartsWith("COMPlus_DbgMiniDump", StringComparison.Ordinal)
        || name.StartsWith("DOTNET_CreateDumpDiagnostics", StringComparison.Ordinal);

    private static async Task<(int Exit, string Output)> RunAsync(string program, string workingDirectory, params string[] arguments)
    {
        // Under the orphan guard: what a test starts dies with the test process, crash or not.
        var info = Testing.OrphanGuard.StartInfo(program, arguments);
        info.WorkingDirectory = workingDirectory;

        // The outer run's --blame-crash tells the runtime, by environment, to write a dump of any crash into the outer
        // results: the fixture's deliberate crash would then sit among them as if a real test host had crashed.
        foreach (var name in info.Environment.Keys.Where(IsCrashDumpSetting).ToList())
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the test deletes the folder it was given to write in.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw;
        }

        return (process.ExitCode, await output + await error);
    }
}
