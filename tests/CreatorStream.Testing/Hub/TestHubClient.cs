using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CreatorStream.Testing.Hub;

/// <summary>
/// A SignalR client for tests of the web role's hub (no SignalR .NET client package is in the registry copy here):
/// negotiate and connect with the key in an <c>X-Api-Key</c> header, the JSON hub protocol (each record ends with
/// 0x1E), invocations out without waiting for their completions, and everything heard kept in arrival order:
/// <see cref="Messages"/> (server invocations) and <see cref="Errors"/> (failed invocations, or the server closing).
/// It sends no pings: a test's connection lasts seconds, far under the server's 30 s client timeout. Thread-safe.
/// </summary>
public sealed class TestHubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1E;

    private readonly ClientWebSocket _socket;
    private readonly Lock _gate = new();
    private readonly List<HubMessage> _messages = [];
    private readonly List<string> _errors = [];
    private readonly CancellationTokenSource _closing = new();
    private readonly MemoryStream _unread = new(); // what arrived after the last whole record
    private Task _listening = Task.CompletedTask;
    private Task _lastSend = Task.CompletedTask;
    private int _invocations;

    private TestHubClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>What the server invoked on this client so far.</summary>
    public IReadOnlyList<HubMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Errors of invocations the server refused, then "server closed the connection: …" if it closed.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Connects to the hub at <paramref name="hub"/> (its http URL) and completes the protocol handshake.</summary>
    public static async Task<TestHubClient> ConnectAsync(Uri hub, string apiKey)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hub + "/negotiate?negotiateVersion=1")) { Headers = { { "X-Api-Key", apiKey } } };
        using var negotiated = await http.SendAsync(request, timeout.Token);
        negotiated.EnsureSuccessStatusCode();
        var connectionToken = JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync(timeout.Token)).RootElement.GetProperty("connectionToken").GetString()!;

        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", apiKey);
        var url = new UriBuilder(hub) { Scheme = "ws", Query = "id=" + Uri.EscapeDataString(connectionToken) }.Uri;
        await socket.ConnectAsync(url, timeout.Token);
        var client = new TestHubClient(socket);
        await client.SendAsync("""{"protocol":"json","version":1}""", timeout.Token);
        var handshake = await client.NextRecordAsync(timeout.Token);
        if (handshake is not { } answer || answer.TryGetProperty("error", out _))
        {
            throw new InvalidOperationException($"hub handshake refused: {handshake}");
        }

        client._listening = client.ListenAsync(client._closing.Token);
        return client;
    }

    /// <summary>Sends an invocation; its result, if an error, shows in <see cref="Errors"/> later.</summary>
    public Task InvokeAsync(string target, params string?[] arguments)
    {
        var invocation = new
        {
            type = 1,
            invocationId = Interlocked.Increment(ref _invocations).ToString(System.Globalization.CultureInfo.InvariantCulture),
            target,
            arguments,
        };
        return SendAsync(JsonSerializer.Serialize(invocation), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test done", timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await _listening.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(5));
        _socket.Dispose();
        _closing.Dispose();
    }

    private async Task SendAsync(string record, CancellationToken cancellationToken)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(record), RecordSeparator];
        Task sending;
        lock (_gate)
        {
            // One send at a time on a WebSocket: each waits for the one before it.
            sending = _lastSend = _lastSend.ContinueWith(_ => _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken), TaskScheduler.Default).Unwrap();
        }

        await sending;
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await NextRecordAsync(cancellationToken) is { } record)
            {
                Hear(record);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closing, or the server dropped the connection without a close record.
        }
    }

    private void Hear(JsonElement record)
    {
        lock (_gate)
        {
            switch (record.GetProperty("type").GetInt32())
            {
                case 1:
                    _messages.Add(new HubMessage(record.GetProperty("target").GetString()!, record.GetProperty("arguments")[0].GetRawText()));
                    break;
                case 3 when record.TryGetProperty("error", out var error):
                    _errors.Add(error.GetString()!);
                    break;
                case 7:
                    _errors.Add("server closed the connection: " + record.GetRawText());
                    break;
            }
        }
    }

    /// <summary>
    /// The next whole record, or null once the server closed. A WebSocket message may hold several records or part of
    /// one (the server sends what its pipe holds), so bytes past the last separator wait in <see cref="_unread"/>.
    /// </summary>
    private async Task<JsonElement?> NextRecordAsync(CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        int end;
        while ((end = Array.IndexOf(_unread.GetBuffer(), RecordSeparator, 0, (int)_unread.Length)) < 0)
        {
            var received = await _socket.ReceiveAsync(chunk.AsMemory(), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _unread.Write(chunk, 0, received.Count);
        }

        using var document = JsonDocument.Parse(_unread.GetBuffer().AsMemory(0, end));
        var record = document.RootElement.Clone();
        var rest = _unread.GetBuffer()[(end + 1)..(int)_unread.Length];
        _unread.SetLength(0);
        _unread.Write(rest);
        return record;
    }
}
