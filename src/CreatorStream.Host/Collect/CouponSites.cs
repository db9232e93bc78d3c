namespace CreatorStream.Host.Collect;

/// <summary>
/// Coupon and deal sites, where a creator's promo code shows up once it has leaked (docs/design.md, "Estimates", code
/// leaks): an order a store says one of them referred carries the <c>coupon</c> referrer class. The site snippet keeps
/// the same list for the visits it classifies (dashboard/src/snippet/visit.ts).
/// </summary>
public static class CouponSites
{
    private static readonly string[] Domains =
    [
        "retailmenot.com", "retailmenot.ca", "joinhoney.com", "honey.com", "slickdeals.net", "coupons.com", "couponfollow.com",
        "couponbirds.com", "dealspotr.com", "knoji.com", "wethrift.com", "promocodes.com", "groupon.com", "capitaloneshopping.com",
        "rakuten.com", "vouchercodes.co.uk", "hotukdeals.com", "mydealz.de", "dealabs.com", "savings.com", "dontpayfull.com",
    ];

    /// <summary>Whether <paramref name="url"/> (a referring site, with or without its scheme) is on one of the coupon sites or below one.</summary>
    public static bool IsCouponSite(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var text = url.Contains("://", StringComparison.Ordinal) ? url : "https://" + url;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.ToLowerInvariant();
        return Domains.Any(domain => host == domain || host.EndsWith("." + domain, StringComparison.Ordinal));
    }
}
