using System.Diagnostics.CodeAnalysis;

namespace CreatorStream.Core.Events;

/// <summary>A user followed a tracked link from a post (topic <c>creatorstream.clicks</c>).</summary>
public sealed record Click : AudienceEvent
{
    // Fields, not auto-properties, so that a pooled click is filled again (Reset); init-only from outside.
    private string _linkId = null!;
    private string? _utmSource;
    private string? _utmMedium;
    private string? _utmCampaign;
    private string? _utmContent;
    private string? _affiliateId;
    private long? _dwellMs;
    private int? _pages;

    public Click()
    {
    }

#pragma warning disable CS8618 // the decoder's Reset sets every member
    /// <summary>An empty click, which the decoder fills (<see cref="Reset"/>) before anyone reads it.</summary>
    [SetsRequiredMembers]
    private Click(bool empty)
    {
        _ = empty;
    }
#pragma warning restore CS8618

    public required string LinkId
    {
        get => _linkId;
        init => _linkId = value;
    }

    public string? UtmSource
    {
        get => _utmSource;
        init => _utmSource = value;
    }

    public string? UtmMedium
    {
        get => _utmMedium;
        init => _utmMedium = value;
    }

    public string? UtmCampaign
    {
        get => _utmCampaign;
        init => _utmCampaign = value;
    }

    public string? UtmContent
    {
        get => _utmContent;
        init => _utmContent = value;
    }

    public string? AffiliateId
    {
        get => _affiliateId;
        init => _affiliateId = value;
    }

    public long? DwellMs
    {
        get => _dwellMs;
        init => _dwellMs = value;
    }

    public int? Pages
    {
        get => _pages;
        init => _pages = value;
    }

    public override EventType Type => EventType.Click;

    /// <summary>A new, empty click for the decoder to fill, or for <see cref="AudienceEventPool{T}"/>.</summary>
    internal static Click Empty() => new(empty: true);

    /// <summary>Sets every field of a decoded click, on an empty one or one from its pool.</summary>
    internal void Reset(in AudienceFields f, string linkId, string? utmSource, string? utmMedium, string? utmCampaign, string? utmContent, string? affiliateId, long? dwellMs, int? pages)
    {
        Reset(f);
        _linkId = linkId;
        _utmSource = utmSource;
        _utmMedium = utmMedium;
        _utmCampaign = utmCampaign;
        _utmContent = utmContent;
        _affiliateId = affiliateId;
        _dwellMs = dwellMs;
        _pages = pages;
    }
}
