using System.Diagnostics;
using System.Globalization;
using CreatorStream.Testing;

namespace CreatorStream.Redis.Tests;

/// <summary>The test fixtures' redis-server dies with the process that started it, and only then (<see cref="OrphanGuard"/>).</summary>
public sealed class OrphanGuardTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Script_ParentKilled_ServerKilledWithinASecondOrSo()
    {
        // A stand-in for a crashing test host: a shell that starts a guarded redis-server, prints its pid and waits.
        var port = FreePort.Next();
        using var directory = new TempDirectory("cs-orphan-");
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-c", """guard=$1; shift; sh -c "$guard" orphan-guard $$ "$@" & echo $!; wait""", "parent", OrphanGuard.Script,
            "redis-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory.Path, "--save", "", "--appendonly", "no",
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var parent = Process.Start(info)!;
        var server = int.Parse((await parent.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
        try
        {
            Assert.Equal("+PONG", await UntilAnswerAsync(port));

            parent.Kill(); // SIGKILL to the parent alone: no code of its runs, the server is orphaned
            await parent.WaitForExitAsync();
            var clock = Stopwatch.StartNew();
            while (IsRunning(server) && clock.Elapsed < Patience)
            {
                await Task.Delay(50);
            }

            // The watcher polls twice a second.
            Assert.False(IsRunning(server), $"redis-server {server} still runs {clock.Elapsed} after its parent died");
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1.5));
            // Nothing answers: refused outright, or reset if a connection was half-open as the server died.
            var refused = await Record.ExceptionAsync(() => RedisProbe.AskAsync(port, Patience, "PING"));
            Assert.IsType<System.Net.Sockets.SocketException>(refused is IOException ? refused.InnerException : refused);
        }
        finally
        {
            if (IsRunning(server))
            {
                Process.GetProcessById(server).Kill();
            }
        }
    }

    [Fact]
    public async Task StartNewAsync_FromAThreadThatEnds_ServerKeepsRunning()
    {
        // What PR_SET_PDEATHSIG gets wrong: the child of a thread that ends would be killed with the thread.
        RedisServer? started = null;
        var thread = new Thread(() => started = RedisServer.StartNewAsync().GetAwaiter().GetResult());
        thread.Start();
        thread.Join();
        await using var server = started!;

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // three of the watcher's polls

        Assert.Equal("+PONG", await RedisProbe.AskAsync(server.Port, Patience, "PING"));
    }

    // Running, or gone but not yet reaped: an orphan's zombie waits for init, which may reap it late.
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(") ", StringComparison.Ordinal) + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    private static async Task<string?> UntilAnswerAsync(int port)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await RedisProbe.AskAsync(port, Patience, "PING");
            }
            catch (System.Net.Sockets.SocketException) when (clock.Elapsed < Patience)
            {
                await Task.Delay(50);
            }
        }
    }
}
