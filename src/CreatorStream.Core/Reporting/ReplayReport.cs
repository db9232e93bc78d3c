namespace CreatorStream.Core.Reporting;

/// <summary>
/// The replay report (docs/design.md, "Replay report"): per-campaign totals, creators, content and alerts, plus the
/// stream's bookkeeping counts. Maps are sorted by key so that the same input always gives the same bytes.
/// Fields a later capability owns are null until it lands.
/// </summary>
public sealed record ReplayReport
{
    public SortedDictionary<string, CampaignReport> Campaigns { get; init; } = new(StringComparer.Ordinal);
    public UnattributedReport? Unattributed { get; init; }
    public long DeadLetters { get; init; }
    public long Duplicates { get; init; }

    /// <summary>
    /// Of <see cref="Duplicates"/>, those only a deduplication filter recognised (ids older than the exact tier; decision
    /// 0014): each is wrong with probability at most the filter's rate (1 in 10,000). An addition to the design's document.
    /// </summary>
    public long DuplicatesProbable { get; init; }

    /// <summary>Deduplication filters consulted: the rate times this bounds the expected wrong verdicts. An addition to the design's document.</summary>
    public long DedupFilterLookups { get; init; }
    public long Late { get; init; }

    /// <summary>
    /// Site sessions that joined no creator's click (no <c>click_event_id</c>, and no click of their link's creator in
    /// the half hour before they began): the brand's other traffic, counted so that none is lost (docs/design.md,
    /// "Outcomes", referral quality).
    /// </summary>
    public long UnmatchedSessions { get; init; }

    /// <summary>Dead letters by reason code (an addition to the design's document: operators need the split).</summary>
    public SortedDictionary<string, long> DeadLettersByReason { get; init; } = new(StringComparer.Ordinal);
}
