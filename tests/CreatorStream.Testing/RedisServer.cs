using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace CreatorStream.Testing;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port for one test (or a class fixture), with its data directory in a
/// temporary folder. <see cref="StopAsync"/> kills it hard (SIGKILL, as a crash would); <see cref="StartAsync"/> starts
/// it again on the same port and directory. With <c>persistent</c>, append-only persistence with fsync on every
/// write keeps committed state across a kill, as the compose file's Redis does. The server dies with the test process
/// even if the test host crashes (<see cref="OrphanGuard"/>).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly bool _persistent;
    private readonly string? _password;
    private readonly (string Certificate, string Key)? _tls;
    private readonly int? _clusterNodeTimeoutMs;
    private readonly Queue<string> _lastOutput = new();
    private Process? _process;

    private RedisServer(bool persistent, string? password, (string Certificate, string Key)? tls, int? clusterNodeTimeoutMs)
    {
        _persistent = persistent;
        _password = password;
        _tls = tls;
        _clusterNodeTimeoutMs = clusterNodeTimeoutMs;

        _directory = new TempDirectory("cs-redis-");
        PickPorts();
    }

    public int Port { get; private set; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The TLS port, when started with a certificate (the plain port stays open for the readiness check).</summary>
    public int? TlsPort { get; private set; }

    /// <summary>
    /// Starts a server; with <paramref name="password"/> it refuses every client that does not give it (<c>requirepass</c>);
    /// with <paramref name="tls"/> (PEM files of a certificate and its key) it also listens with TLS on <see cref="TlsPort"/>.
    /// </summary>
    public static async Task<RedisServer> StartNewAsync(bool persistent = false, string? password = null, (string Certificate, string Key)? tls = null)
    {
        var server = new RedisServer(persistent, password, tls, clusterNodeTimeoutMs: null);
        await server.StartOrDisposeAsync();
        return server;
    }

    /// <summary>
    /// Starts an empty Redis Cluster node (<c>cluster-enabled</c>, its <c>nodes-PORT.conf</c> in its own folder, so a
    /// restart keeps its node id and slots) for <see cref="RedisCluster"/> to join with others.
    /// </summary>
    internal static async Task<RedisServer> StartClusterNodeAsync(int nodeTimeoutMs)
    {
        var server = new RedisServer(persistent: false, password: null, tls: null, nodeTimeoutMs);
        await server.StartOrDisposeAsync();
        return server;
    }

    public Task StartAsync() => StartOnceAsync();

    private async Task StartOnceAsync()
    {
        var arguments = new List<string>
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory.Path, "--save", "",
            "--appendonly", _persistent ? "yes" : "no", "--appendfsync", "always", "--protected-mode", "no",
        };
        if (_tls is { } tls)
        {
            arguments.AddRange(["--tls-port", TlsPort!.Value.ToString(CultureInfo.InvariantCulture), "--tls-cert-file", tls.Certificate, "--tls-key-file", tls.Key, "--tls-auth-clients", "no"]);
        }

        if (_password is not null)
        {
            arguments.AddRange(["--requirepass", _password]);
        }

        if (_clusterNodeTimeoutMs is { } nodeTimeoutMs)
        {
            arguments.AddRange(
            [
                "--cluster-enabled", "yes", "--cluster-config-file", _directory.Combine($"nodes-{Port}.conf"),
                "--cluster-node-timeout", nodeTimeoutMs.ToString(CultureInfo.InvariantCulture),
            ]);
        }

        var process = _process = Process.Start(OrphanGuard.StartInfo("redis-server", arguments)) ?? throw new InvalidOperationException("sh did not start");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            // The port was free when it was picked, not necessarily now: whoever answers must be this server (its pid;
            // the orphan guard's shell execs it), or the tests would use another's server, which its own tests stop,
            // lower limits on or flush (docs/status.md, session 44).
            if (await AnsweringProcessIdAsync() is { } answering)
            {
                if (answering != process.Id)
                {
                    throw new PortTakenException($"port {Port} answers as redis-server pid {answering}, not this one's ({process.Id})");
                }

                return;
            }

            if (process.HasExited)
            {
                await process.WaitForExitAsync(); // the output read to its end
                var output = LastOutput;
                throw output.Contains("Address already in use", StringComparison.Ordinal)
                    ? new PortTakenException($"port {Port} (or {TlsPort}) was taken before redis-server could bind it:\n{output}")
                    : new InvalidOperationException($"redis-server on port {Port} exited with code {process.ExitCode} (127: not installed; ./dev test installs it):\n{output}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer within 15 s:\n{LastOutput}");
    }

    /// <summary>Kills the server at once (no shutdown save), as a crash would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _directory.Dispose(); // the server has exited: nothing writes there any more
        }
    }

    // A server that fails to start is not returned to anyone who would dispose it: stop it and delete its folder here. A
    // port taken between its pick and the server's bind (another test's server, a client's ephemeral port) is picked
    // again, a few times; a restart (StartAsync) keeps its port, which its clients know, and fails instead.
    private async Task StartOrDisposeAsync()
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await StartOnceAsync();
                    return;
                }
                catch (PortTakenException) when (attempt < 5)
                {
                    await StopAsync();
                    PickPorts();
                }
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    // A cluster node also listens on its cluster bus, at its port + 10000.
    private void PickPorts()
    {
        Port = _clusterNodeTimeoutMs is null ? FreePort.Next() : FreePort.NextWithPartner(10_000);
        TlsPort = _tls is null ? null : FreePort.Next();
    }

    /// <summary>A server that tries <paramref name="port"/> first (for the test of a port taken meanwhile: another server's).</summary>
    public static async Task<RedisServer> StartNewTryingPortAsync(int port)
    {
        var server = new RedisServer(persistent: false, password: null, tls: null, clusterNodeTimeoutMs: null) { Port = port };
        await server.StartOrDisposeAsync();
        return server;
    }

    /// <summary>The port was taken by the time the server was to listen on it.</summary>
    private sealed class PortTakenException(string message) : Exception(message);

    // The last lines the server wrote (it logs to standard output), for the message when it fails to start.
    private string LastOutput
    {
        get
        {
            lock (_lastOutput)
            {
                return string.Join('\n', _lastOutput);
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            if (_lastOutput.Count > 40)
            {
                _lastOutput.Dequeue();
            }
        }
    }

    /// <summary>The pid of the redis-server that answers a PING on <see cref="Port"/> (INFO's process_id), or null while none does.</summary>
    private async Task<int?> AnsweringProcessIdAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            var auth = _password is null ? "" : $"AUTH {_password}\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(auth + "PING\r\nINFO server\r\n"));
            var answer = new System.Text.StringBuilder();
            var buffer = new byte[1024];
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2)); // an answer without PONG must not hang the wait
            while (ProcessIdIn(answer.ToString()) is null && await stream.ReadAsync(buffer, patience.Token) is var read and > 0)
            {
                answer.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            }

            return answer.ToString().Contains("+PONG", StringComparison.Ordinal) ? ProcessIdIn(answer.ToString()) : null;
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static int? ProcessIdIn(string info)
    {
        var at = info.IndexOf("process_id:", StringComparison.Ordinal);
        var end = at < 0 ? -1 : info.IndexOf('\r', at);
        return end < 0 ? null : int.Parse(info.AsSpan(at + "process_id:".Length, end - at - "process_id:".Length), CultureInfo.InvariantCulture);
    }
}
