namespace CreatorStream.Core.Attribution;

/// <summary>
/// Builds the normalized journey of one conversion (docs/design.md, "Attribution"). Stateless; thread-safe.
/// </summary>
public static class Journey
{
    /// <summary>
    /// Keeps the touchpoints with <c>conversionTs − lookback ≤ ts ≤ conversionTs</c> (both ends inclusive), orders them by
    /// (ts, event id ordinal), and merges each run of consecutive touchpoints of the same (campaign, creator) into the run's
    /// last one, so the merged touchpoint keeps the run's latest timestamp, content, event id and kind.
    /// Scoping to the conversion's campaign or brand is the caller's job and happens before this.
    /// </summary>
    /// <remarks>
    /// The result does not depend on the order of <paramref name="touchpoints"/>: should two touchpoints share ts and event
    /// id (duplicates are normally dropped upstream, docs/design.md, "Event time"), campaign, creator, content and kind break the tie.
    /// The lookback is taken in whole milliseconds. O(m log m) for m touchpoints.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookback"/> is negative.</exception>
    public static IReadOnlyList<Touchpoint> Build(IEnumerable<Touchpoint> touchpoints, long conversionTs, TimeSpan lookback)
    {
        ArgumentNullException.ThrowIfNull(touchpoints);
        var journey = new List<Touchpoint>();
        foreach (var touchpoint in touchpoints)
        {
            journey.Add(touchpoint);
        }

        BuildInPlace(journey, conversionTs, lookback);
        return journey;
    }

    /// <summary>
    /// As <see cref="Build"/>, with <paramref name="touchpoints"/> made into the journey in place: a caller building a
    /// journey per conversion keeps one list for all of them (docs/design.md, "Per-event cost").
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookback"/> is negative.</exception>
    internal static void BuildInPlace(List<Touchpoint> touchpoints, long conversionTs, TimeSpan lookback)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, TimeSpan.Zero);
        var lookbackMs = lookback.Ticks / TimeSpan.TicksPerMillisecond;
        // Saturate instead of overflowing for a lookback reaching before long.MinValue.
        var earliest = conversionTs >= long.MinValue + lookbackMs ? conversionTs - lookbackMs : long.MinValue;
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(touchpoints);
        var within = 0;
        foreach (var touchpoint in all)
        {
            if (touchpoint.Ts >= earliest && touchpoint.Ts <= conversionTs)
            {
                all[within++] = touchpoint; // in the order given, as Build's list was
            }
        }

        var kept = all[..within];
        kept.Sort(Compare);

        // Keep a touchpoint only when it ends its run: the last of a run is the latest (ts, event id) of the run.
        var merged = 0;
        for (var i = 0; i < kept.Length; i++)
        {
            if (i + 1 == kept.Length || !SameParty(kept[i], kept[i + 1]))
            {
                kept[merged++] = kept[i];
            }
        }

        touchpoints.RemoveRange(merged, all.Length - merged);
    }

    private static bool SameParty(Touchpoint a, Touchpoint b) =>
        string.Equals(a.CampaignId, b.CampaignId, StringComparison.Ordinal)
        && string.Equals(a.CreatorId, b.CreatorId, StringComparison.Ordinal);

    private static int Compare(Touchpoint a, Touchpoint b)
    {
        var order = a.Ts.CompareTo(b.Ts);
        if (order == 0)
        {
            order = a.EventKey.CompareTo(b.EventKey);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.CampaignId, b.CampaignId);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.CreatorId, b.CreatorId);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.ContentId, b.ContentId);
        }

        return order != 0 ? order : a.Kind.CompareTo(b.Kind);
    }
}
