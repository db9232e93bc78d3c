namespace CreatorStream.Core.Events;

/// <summary>The site analytics' class of a visit's referrer. Wire names are lower case.</summary>
public enum ReferrerClass : byte
{
    Social,
    Search,
    Direct,
    Email,
    Referral,
    Paid,
    Other,
}
