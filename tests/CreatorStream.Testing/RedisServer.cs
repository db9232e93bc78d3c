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
    private Process? _process;

    private RedisServer(bool persistent)
    {
        _persistent = persistent;
        Port = FreePort.Next();
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartNewAsync(bool persistent = false)
    {
        var server = new RedisServer(persistent);
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
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
