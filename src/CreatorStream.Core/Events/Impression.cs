using System.Diagnostics.CodeAnalysis;

namespace CreatorStream.Core.Events;

/// <summary>A user was shown a post (topic <c>creatorstream.impressions</c>).</summary>
public sealed record Impression : AudienceEvent
{
    private ContentFormat _contentFormat;

    public Impression()
    {
    }

    /// <summary>An event with its ids as keys, for the decoder (<see cref="StreamEvent(EventIdKey, EventIdKey, ulong)"/>).</summary>
#pragma warning disable CS8618 // the decoder's initializer sets the other members
    [SetsRequiredMembers]
    internal Impression(EventIdKey eventId, EventIdKey userId, ulong userKey)
        : base(eventId, userId, userKey)
    {
    }

    /// <summary>An empty impression of <paramref name="pool"/>, which a decoder sets (<see cref="Reset"/>) before anyone reads it.</summary>
    [SetsRequiredMembers]
    private Impression(ImpressionPool pool)
    {
        Pool = pool;
    }
#pragma warning restore CS8618

    public required ContentFormat ContentFormat
    {
        get => _contentFormat;
        init => _contentFormat = value;
    }

    public override EventType Type => EventType.Impression;

    /// <summary>Equal when the events are: what they say, not which pool, if any, holds them (<see cref="Pool"/>).</summary>
    public bool Equals(Impression? other) => base.Equals(other) && _contentFormat == other!._contentFormat;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), _contentFormat);

    /// <summary>
    /// The pool this impression came from through a decoder that recycles (<see cref="Decoding.EventDecoder.RecyclesImpressions"/>),
    /// to which the brand task that observes it gives it back; null for an impression made in code or read back from a
    /// snapshot, which is never recycled: whoever made it may still hold it.
    /// </summary>
    internal ImpressionPool? Pool { get; }

    /// <summary>Whether <see cref="Pool"/> has lent this impression out and not had it back (a second return is refused).</summary>
    internal bool Lent { get; set; }

    /// <summary>A new impression of <paramref name="pool"/>.</summary>
    internal static Impression ForPool(ImpressionPool pool) => new(pool);

    /// <summary>Sets every field of a decoded impression, on one from <see cref="ForPool"/> or the pool.</summary>
    internal void Reset(
        EventIdKey eventId,
        EventIdKey userId,
        ulong userKey,
        long ts,
        string campaignId,
        string creatorId,
        Platform platform,
        string contentId,
        ulong ipKey,
        ulong deviceKey,
        ulong userAgentKey,
        string? country,
        ContentFormat contentFormat)
    {
        Reset(eventId, userId, userKey, ts, campaignId, creatorId, platform, contentId, ipKey, deviceKey, userAgentKey, country);
        _contentFormat = contentFormat;
    }
}
