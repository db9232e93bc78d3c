using System.Globalization;
using System.Reactive.Subjects;
using System.Text;
using CreatorStream.Core.Alerts;
using CreatorStream.Processing.Pipeline;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CreatorStream.Redis;

/// <summary>
/// The change feed across processes (docs/design.md, "Shape"): workers publish on one Redis channel after each committed
/// batch, every web role hears it and re-reads the shared store, so no SignalR backplane is needed. Pub/sub is
/// fire-and-forget: a web role that misses a notice (reconnecting) catches up on the next one, since it re-reads state
/// rather than applying deltas. Messages: <c>c|WATERMARK|COMMITTED_AT|CAMPAIGN</c> or <c>a|ALERT_JSON</c>. Thread-safe.
/// </summary>
public sealed class RedisChangeFeed : ICampaignChangeFeed, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly string _channel;
    private readonly ILogger _logger;
    private readonly Subject<CampaignChange> _changes = new();
    private readonly Subject<Alert> _alerts = new();
    private readonly ISubject<CampaignChange> _synchronizedChanges;
    private readonly ISubject<Alert> _synchronizedAlerts;

    private RedisChangeFeed(IConnectionMultiplexer redis, RedisKeys keys, ILogger logger)
    {
        _redis = redis;
        _channel = keys.ChangesChannel;
        _logger = logger;
        _synchronizedChanges = Subject.Synchronize(_changes);
        _synchronizedAlerts = Subject.Synchronize(_alerts);
    }

    public IObservable<CampaignChange> Changes => _changes;

    public IObservable<Alert> Alerts => _alerts;

    /// <summary>A feed that publishes (workers) and, when <paramref name="listen"/>, also hears every publisher (web roles).</summary>
    public static async Task<RedisChangeFeed> StartAsync(IConnectionMultiplexer redis, RedisKeys keys, bool listen, ILogger logger)
    {
        var feed = new RedisChangeFeed(redis, keys, logger);
        if (listen)
        {
            await redis.GetSubscriber().SubscribeAsync(feed._channel, (_, message) => feed.OnMessage(message));
        }

        return feed;
    }

    public void Publish(CampaignChange change) =>
        Send($"c|{change.Watermark.ToString(CultureInfo.InvariantCulture)}|{change.CommittedAtMs.ToString(CultureInfo.InvariantCulture)}|{change.CampaignId}");

    public void Publish(Alert alert) => Send("a|" + Encoding.UTF8.GetString(AlertJson.Write(alert)));

    public void Dispose()
    {
        _changes.Dispose();
        _alerts.Dispose();
    }

    private void Send(string message)
    {
        // Fire and forget: the state is already committed; a lost notice only delays a dashboard until the next one.
        _redis.GetSubscriber().Publish(_channel, message, CommandFlags.FireAndForget);
    }

    private void OnMessage(RedisValue message)
    {
        var text = (string)message!;
        try
        {
            if (text.StartsWith("a|", StringComparison.Ordinal))
            {
                _synchronizedAlerts.OnNext(AlertJson.Read(Encoding.UTF8.GetBytes(text[2..])));
                return;
            }

            var parts = text.Split('|', 4);
            _synchronizedChanges.OnNext(new CampaignChange(parts[3], long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or System.Text.Json.JsonException)
        {
            _logger.LogWarning("Ignored a malformed change notice on {Channel}: {Reason}", _channel, e.Message);
        }
    }
}
