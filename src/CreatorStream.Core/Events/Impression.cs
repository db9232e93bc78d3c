using System.Diagnostics.CodeAnalysis;

namespace CreatorStream.Core.Events;

/// <summary>A user was shown a post (topic <c>creatorstream.impressions</c>).</summary>
public sealed record Impression : AudienceEvent
{
    private ContentFormat _contentFormat;

    public Impression()
    {
    }

#pragma warning disable CS8618 // the decoder's Reset sets every member
    /// <summary>An empty impression, which the decoder fills (<see cref="Reset"/>) before anyone reads it.</summary>
    [SetsRequiredMembers]
    private Impression(bool empty)
    {
        _ = empty;
    }
#pragma warning restore CS8618

    public required ContentFormat ContentFormat
    {
        get => _contentFormat;
        init => _contentFormat = value;
    }

    public override EventType Type => EventType.Impression;

    /// <summary>A new, empty impression for the decoder to fill, or for <see cref="AudienceEventPool{T}"/>.</summary>
    internal static Impression Empty() => new(empty: true);

    /// <summary>Sets every field of a decoded impression, on an empty one or one from its pool.</summary>
    internal void Reset(in AudienceFields f, ContentFormat contentFormat)
    {
        Reset(f);
        _contentFormat = contentFormat;
    }
}
