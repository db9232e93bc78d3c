using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CreatorStream.Testing;

/// <summary>
/// One command to one Redis server over a fresh loopback connection, without StackExchange.Redis: checks of a cluster
/// must ask exactly the node they name, while the client under test picks nodes itself and follows redirections.
/// </summary>
public static class RedisProbe
{
    /// <summary>
    /// Sends <paramref name="command"/> (as a RESP array, so arguments may hold spaces) and returns the reply as text:
    /// a status, error or integer reply as its line with its type mark (<c>+OK</c>, <c>-MOVED 866 127.0.0.1:7001</c>,
    /// <c>:1</c>), a bulk string as its content, a nil bulk string as null. Arrays are not read (no check needs them).
    /// </summary>
    /// <exception cref="SocketException">Nothing listens on <paramref name="port"/>.</exception>
    /// <exception cref="OperationCanceledException">No whole reply within <paramref name="timeout"/>.</exception>
    public static async Task<string?> AskAsync(int port, TimeSpan timeout, params string[] command)
    {
        using var patience = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, patience.Token);
        var stream = client.GetStream();
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{command.Length}\r\n");
        foreach (var argument in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(argument)}\r\n{argument}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), patience.Token);
        var line = await ReadLineAsync(stream, patience.Token);
        switch (line[0])
        {
            case '+' or '-' or ':':
                return line;
            case '$':
                var length = int.Parse(line.AsSpan(1), CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var content = new byte[length + 2]; // the content, then its \r\n
                await stream.ReadExactlyAsync(content, patience.Token);
                return Encoding.UTF8.GetString(content, 0, length);
            default:
                throw new NotSupportedException($"reply '{line}' to {string.Join(' ', command)}: only simple replies and bulk strings are read");
        }
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 2 && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            await stream.ReadExactlyAsync(one, cancellationToken); // EndOfStreamException if the server hangs up
            bytes.Add(one[0]);
        }

        return Encoding.UTF8.GetString([.. bytes], 0, bytes.Count - 2);
    }
}
