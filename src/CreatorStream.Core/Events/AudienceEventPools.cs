namespace CreatorStream.Core.Events;

/// <summary>The pools a recycling decoder fills audience events from, one per type (<see cref="AudienceEventPool{T}"/>).</summary>
internal sealed class AudienceEventPools
{
    /// <summary>The pools of the pipeline's decoders (<see cref="Decoding.EventDecoder.RecyclesAudienceEvents"/>).</summary>
    public static AudienceEventPools Shared { get; } = new();

    public AudienceEventPool<Impression> Impressions { get; } = new(Impression.Empty);

    public AudienceEventPool<Engagement> Engagements { get; } = new(Engagement.Empty);

    public AudienceEventPool<Click> Clicks { get; } = new(Click.Empty);
}
