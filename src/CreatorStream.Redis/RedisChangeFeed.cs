using System.Globalization;
using System.Reactive.Subjects;
using System.Text;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Metrics;
using CreatorStream.Processing.Pipeline;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CreatorStream.Redis;

/// <summary>
/// The change feed across processes (docs/design.md, "Shape" and "Serving"): workers publish on one Redis channel after
/// each committed batch, every web role hears it and re-reads from the shared store what the batch wrote, so no SignalR
/// backplane is needed. Pub/sub is fire-and-forget: when a web role may have missed notices (its connection came back,
/// or a notice could not be read) <see cref="Lost"/> fires and its views are read whole again. Messages:
/// <c>k|WATERMARK|COMMITTED_AT|CAMPAIGN|BUCKET SCOPE|…</c> (the aggregates written, as the store names them; BUCKET -1 is
/// to date), <c>c|WATERMARK|COMMITTED_AT|CAMPAIGN</c> (aggregates not listed: read it all) or <c>a|ALERT_JSON</c>.
/// Thread-safe.
/// </summary>
public sealed class RedisChangeFeed : ICampaignChangeFeed, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly ILogger _logger;
    private readonly Subject<CampaignChange> _changes = new();
    private readonly Subject<Alert> _alerts = new();
    private readonly Subject<System.Reactive.Unit> _lost = new();
    private ChannelMessageQueue? _listening;
    // What subscribers hear, one call at a time (the channel's queue and a restored connection can both call), and
    // nothing once disposed: the queue may still hand over a notice after Dispose asked Redis to stop.
    private readonly object _gate = new();
    private bool _disposed;

    private RedisChangeFeed(IConnectionMultiplexer redis, RedisKeys keys, ILogger logger)
    {
        _redis = redis;
        _channel = RedisChannel.Literal(keys.ChangesChannel);
        _logger = logger;
    }

    public IObservable<CampaignChange> Changes => _changes;

    public IObservable<Alert> Alerts => _alerts;

    public IObservable<System.Reactive.Unit> Lost => _lost;

    /// <summary>A feed that publishes (workers) and, when <paramref name="listen"/>, also hears every publisher (web roles).</summary>
    public static async Task<RedisChangeFeed> StartAsync(IConnectionMultiplexer redis, RedisKeys keys, bool listen, ILogger logger)
    {
        var feed = new RedisChangeFeed(redis, keys, logger);
        if (listen)
        {
            // Through the channel's queue, whose handler runs one notice at a time in the order published: a handler
            // given to SubscribeAsync directly may run for several notices at once (StackExchange.Redis 2.x).
            feed._listening = await redis.GetSubscriber().SubscribeAsync(feed._channel);
            feed._listening.OnMessage(message => feed.OnMessage(message.Message));
            redis.ConnectionRestored += feed.OnConnectionRestored;
        }

        return feed;
    }

    public void Publish(CampaignChange change)
    {
        var head = $"{change.Watermark.ToString(CultureInfo.InvariantCulture)}|{change.CommittedAtMs.ToString(CultureInfo.InvariantCulture)}";
        if (change.Touched is not { } touched)
        {
            Send($"c|{head}|{change.CampaignId}");
            return;
        }

        var message = new StringBuilder("k|").Append(head).Append('|').Append(ScopeField.Escape(change.CampaignId));
        foreach (var key in touched)
        {
            message.Append('|').Append(key.BucketStart.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ScopeField.Of(key));
            if (message.Length > MaxNoticeChars)
            {
                // Every web role gets every notice: a huge one would fill subscribers' output buffers. Read it all instead.
                Send($"c|{head}|{change.CampaignId}");
                return;
            }
        }

        Send(message.ToString());
    }

    public void Publish(Alert alert) => Send("a|" + Encoding.UTF8.GetString(AlertJson.Write(alert)));

    /// <summary>A notice listing more than this (in characters) goes out as "read it all" instead.</summary>
    public const int MaxNoticeChars = 32 * 1024;

    public void Dispose()
    {
        if (_listening is { } queue)
        {
            _redis.ConnectionRestored -= OnConnectionRestored;
            queue.Unsubscribe(CommandFlags.FireAndForget);
        }

        lock (_gate)
        {
            _disposed = true;
            _changes.Dispose();
            _alerts.Dispose();
            _lost.Dispose();
        }
    }

    private void Send(string message)
    {
        // Fire and forget: the state is already committed; a lost notice only delays a dashboard until the next one.
        _redis.GetSubscriber().Publish(_channel, message, CommandFlags.FireAndForget);
    }

    private void OnMessage(RedisValue message)
    {
        var text = (string)message!;
        Alert? alert = null;
        CampaignChange? change = null;
        try
        {
            if (text.StartsWith("a|", StringComparison.Ordinal))
            {
                alert = AlertJson.Read(Encoding.UTF8.GetBytes(text[2..]));
            }
            else
            {
                change = text.StartsWith("k|", StringComparison.Ordinal) ? ReadTouched(text) : ReadWhole(text);
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException or ArgumentException or System.Text.Json.JsonException)
        {
            // A notice not read is a notice lost: readers keeping views read them whole again.
            _logger.LogWarning("Ignored a malformed change notice on {Channel}: {Reason}", _channel, e.Message);
            OnLost();
            return;
        }

        // Outside the parsing: what a subscriber does with a notice is not the notice's fault.
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (alert is not null)
            {
                _alerts.OnNext(alert);
            }
            else
            {
                _changes.OnNext(change!);
            }
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => OnLost();

    private void OnLost()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _lost.OnNext(System.Reactive.Unit.Default);
            }
        }
    }

    private static CampaignChange ReadWhole(string text)
    {
        var parts = text.Split('|', 4);
        return new CampaignChange(parts[3], long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static CampaignChange ReadTouched(string text)
    {
        var parts = text.Split('|');
        if (parts.Length < 4)
        {
            throw new FormatException("a change notice has at least four parts");
        }

        var change = new CampaignChange(ScopeField.Unescape(parts[3]), long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
        var touched = new List<AggregateKey>(parts.Length - 4);
        foreach (var part in parts.AsSpan(4))
        {
            var space = part.IndexOf(' ');
            if (space < 0)
            {
                throw new FormatException($"'{part}' is not BUCKET SCOPE");
            }

            touched.Add(ScopeField.Parse(part[(space + 1)..], change.CampaignId, long.Parse(part.AsSpan(0, space), CultureInfo.InvariantCulture)));
        }

        return change with { Touched = touched };
    }
}
