using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CreatorStream.Bench;

/// <summary>
/// The smallest SignalR client the bench needs (there is no SignalR .NET client package here): negotiate, one
/// WebSocket, the JSON hub protocol (records end with 0x1E), invocations out, and every server invocation handed to
/// <c>onMessage</c> with the monotonic time its last byte arrived. Pings every few seconds keep the server's client
/// timeout (30 s) at bay. No reconnect: a bench connection that drops is a failed run.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1E;
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket;
    private readonly Action<string, JsonElement, long> _onMessage;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly List<string> _errors = [];

    // Records already received but not yet handed out (a WebSocket frame may carry several, or part of one).
    private readonly Queue<JsonElement> _pending = new();
    private Task _receiving = Task.CompletedTask;
    private Task _pinging = Task.CompletedTask;
    private int _invocationId;

    private HubClient(ClientWebSocket socket, Action<string, JsonElement, long> onMessage, TimeProvider clock)
    {
        _socket = socket;
        _onMessage = onMessage;
        _clock = clock;
    }

    /// <summary>Errors the server reported for invocations (a refused join, say), in arrival order.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Connects to the hub at <paramref name="hub"/> (http URL) with an API key and completes the handshake.</summary>
    public static async Task<HubClient> ConnectAsync(Uri hub, string apiKey, Action<string, JsonElement, long> onMessage, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, new Uri(hub + "/negotiate?negotiateVersion=1"));
        negotiate.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(negotiate, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var negotiated = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var token = negotiated.RootElement.GetProperty("connectionToken").GetString();

        // A .NET client can set headers on a WebSocket, so the key goes in one, as on negotiate: never into the URL.
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", apiKey);
        var ws = new UriBuilder(hub) { Scheme = hub.Scheme == "https" ? "wss" : "ws", Query = $"id={Uri.EscapeDataString(token ?? "")}" };
        await socket.ConnectAsync(ws.Uri, cancellationToken);
        var client = new HubClient(socket, onMessage, clock);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        var handshake = await client.ReceiveRecordAsync(new ArrayBufferWriter<byte>(), cancellationToken);
        if (handshake is null || handshake.Value.TryGetProperty("error", out _))
        {
            throw new InvalidOperationException($"hub handshake refused: {handshake}");
        }

        client._receiving = Task.Run(() => client.ReceiveLoopAsync(client._stopping.Token), CancellationToken.None);
        client._pinging = Task.Run(() => client.PingLoopAsync(client._stopping.Token), CancellationToken.None);
        return client;
    }

    /// <summary>Invokes a hub method; its completion (or error) arrives on the receive loop.</summary>
    public Task InvokeAsync(string target, IReadOnlyList<string?> arguments, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = 1,
            ["invocationId"] = id,
            ["target"] = target,
            ["arguments"] = arguments,
        });
        return SendAsync(json, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Closing a socket the server already dropped: nothing to do.
        }

        await Task.WhenAll(_receiving, _pinging).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _stopping.Dispose();
        _sending.Dispose();
    }

    private async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json + (char)RecordSeparator);
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task PingLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(PingInterval, _clock, cancellationToken);
                await SendAsync("{\"type\":6}", cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopping, or the connection is gone (the receive loop reports it).
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (await ReceiveRecordAsync(buffer, cancellationToken) is { } message)
            {
                var received = _clock.GetTimestamp();
                switch (message.GetProperty("type").GetInt32())
                {
                    case 1 when message.TryGetProperty("arguments", out var arguments) && arguments.GetArrayLength() > 0:
                        _onMessage(message.GetProperty("target").GetString() ?? "", arguments[0], received);
                        break;
                    case 3 when message.TryGetProperty("error", out var error):
                        AddError(error.GetString() ?? "error");
                        break;
                    case 7:
                        AddError("server closed the connection: " + message);
                        return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopping, or the connection dropped; a dropped connection shows as missing hub samples.
        }
    }

    private void AddError(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }

    private async Task<JsonElement?> ReceiveRecordAsync(ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        while (_pending.Count == 0)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var result = await _socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            var written = buffer.WrittenMemory;
            int separator, start = 0;
            while ((separator = written.Span[start..].IndexOf(RecordSeparator)) >= 0)
            {
                using var document = JsonDocument.Parse(written.Slice(start, separator));
                _pending.Enqueue(document.RootElement.Clone());
                start += separator + 1;
            }

            if (start > 0)
            {
                var rest = written[start..].ToArray();
                buffer.Clear();
                buffer.Write(rest);
            }
        }

        return _pending.Dequeue();
    }
}
