using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// A loopback listener that speaks just enough of the Kafka wire protocol to see what a client sends first: it reads
/// framed requests (size, api key, version, correlation id, client id) and lets a test answer them. It proves that
/// security settings reach the wire, which the embedded broker (no SASL, no TLS) cannot show.
/// </summary>
public sealed class KafkaWireListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public KafkaWireListener() => _listener.Start();

    public string Bootstrap => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public Task<TcpClient> AcceptAsync(CancellationToken cancellationToken) => _listener.AcceptTcpClientAsync(cancellationToken).AsTask();

    /// <summary>Reads one size-prefixed frame.</summary>
    public static async Task<byte[]> ReadFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        var size = new byte[4];
        await stream.ReadExactlyAsync(size, cancellationToken);
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(frame, cancellationToken);
        return frame;
    }

    /// <summary>The api key of a request frame (its first two bytes).</summary>
    public static short ApiKey(byte[] request) => BinaryPrimitives.ReadInt16BigEndian(request);

    public static int CorrelationId(byte[] request) => BinaryPrimitives.ReadInt32BigEndian(request.AsSpan(4));

    /// <summary>The body of a request frame: after api key, version, correlation id and the client id string.</summary>
    public static ReadOnlySpan<byte> Body(byte[] request)
    {
        var clientIdLength = BinaryPrimitives.ReadInt16BigEndian(request.AsSpan(8));
        return request.AsSpan(10 + Math.Max((short)0, clientIdLength));
    }

    /// <summary>Writes one size-prefixed frame.</summary>
    public static async Task WriteFrameAsync(Stream stream, byte[] payload, CancellationToken cancellationToken)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, payload.Length);
        await stream.WriteAsync(size, cancellationToken);
        await stream.WriteAsync(payload, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public void Dispose() => _listener.Stop();
}
