using CreatorStream.Host.Collect;

namespace CreatorStream.Host.Tests.Collect;

/// <summary>Spring's brand acme with one site (its write key and origin) and one store (its webhook secret), for the collector's tests.</summary>
internal static class CollectTestKeys
{
    public const string WriteKey = "site-write-key-for-tests";
    public const string Origin = "https://shop.acme.test";
    public const string StoreSecret = "store-webhook-secret-for-tests";

    public static SiteKey Site { get; } = new("acme-web", SiteKeys.Hash(WriteKey), "acme", new HashSet<string> { Origin });

    public static StoreSecret Store { get; } = new("acme-shop", "acme", System.Text.Encoding.UTF8.GetBytes(StoreSecret));

    public static SiteKeys Keys { get; } = new([Site], [Store]);
}
