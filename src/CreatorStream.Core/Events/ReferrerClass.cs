namespace CreatorStream.Core.Events;

/// <summary>The class of a visit's or an order's referrer, as the site analytics or the store saw it. Wire names are lower case.</summary>
public enum ReferrerClass : byte
{
    Social,
    Search,
    Direct,
    Email,
    Referral,
    Paid,
    Other,

    /// <summary>A coupon or deal site (an aggregator that lists codes): where leaked promo codes are found (docs/design.md, "Estimates").</summary>
    Coupon,
}
