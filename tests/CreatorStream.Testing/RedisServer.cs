using System.Diagnostics;
using System.Net.Sockets;

namespace CreatorStream.Testing;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port for one test (or a class fixture), with its data directory in a
/// temporary folder. <see cref="StopAsync"/> kills it hard (SIGKILL, as a crash would); <see cref="StartAsync"/> starts
/// it again on the same port and directory. With <c>persistent</c>, append-only persistence with fsync on every
/// write keeps committed state across a kill, as the compose file's Redis does.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cs-redis-").FullName;
    private readonly bool _persistent;
    private readonly string? _password;
    private readonly (string Certificate, string Key)? _tls;
    private Process? _process;

    private RedisServer(bool persistent, string? password, (string Certificate, string Key)? tls)
    {
        _persistent = persistent;
        _password = password;
        _tls = tls;
        Port = FreePort.Next();
        TlsPort = tls is null ? null : FreePort.Next();
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The TLS port, when started with a certificate (the plain port stays open for the readiness check).</summary>
    public int? TlsPort { get; }

    /// <summary>
    /// Starts a server; with <paramref name="password"/> it refuses every client that does not give it (<c>requirepass</c>);
    /// with <paramref name="tls"/> (PEM files of a certificate and its key) it also listens with TLS on <see cref="TlsPort"/>.
    /// </summary>
    public static async Task<RedisServer> StartNewAsync(bool persistent = false, string? password = null, (string Certificate, string Key)? tls = null)
    {
        var server = new RedisServer(persistent, password, tls);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory, "--save", "",
            "--appendonly", _persistent ? "yes" : "no", "--appendfsync", "always", "--protected-mode", "no",
        })
        {
            info.ArgumentList.Add(arg);
        }

        if (_tls is { } tls)
        {
            foreach (var arg in new[] { "--tls-port", TlsPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tls-cert-file", tls.Certificate, "--tls-key-file", tls.Key, "--tls-auth-clients", "no" })
            {
                info.ArgumentList.Add(arg);
            }
        }

        if (_password is not null)
        {
            info.ArgumentList.Add("--requirepass");
            info.ArgumentList.Add(_password);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start (is it installed? ./dev test installs it)");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await AnswersPingAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer within 15 s");
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
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder.
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(_password is null ? "PING\r\n" : $"AUTH {_password}\r\nPING\r\n"));
            var answer = new System.Text.StringBuilder();
            var buffer = new byte[64];
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2)); // an answer without PONG must not hang the wait
            while (!answer.ToString().Contains("+PONG", StringComparison.Ordinal) && await stream.ReadAsync(buffer, patience.Token) is var read and > 0)
            {
                answer.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            }

            return answer.ToString().Contains("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
