namespace CreatorStream.Core.State;

/// <summary>What a scope's referral quality is measured from (docs/design.md, "Outcomes", referral quality).</summary>
public enum ReferralSource : byte
{
    /// <summary>No visit data yet: neither sessions nor clicks with <c>dwell_ms</c>/<c>pages</c>.</summary>
    None,

    /// <summary>The clicks' own <c>dwell_ms</c> and <c>pages</c>: the scope has no joined site session.</summary>
    Clicks,

    /// <summary>Site sessions joined to the scope's clicks.</summary>
    Sessions,
}
