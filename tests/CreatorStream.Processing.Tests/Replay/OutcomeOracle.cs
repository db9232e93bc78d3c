using CreatorStream.Core.Events;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// Attribution and outcomes recomputed from generated events by <see cref="GeneratedAttributionTests.RecomputeOutcomes"/>:
/// credit per (campaign, creator) and model; credit per kind and model with its new customers; orders per kind for each
/// campaign (creator id empty) and creator, with their value net of refunds; and each user with an order any model
/// credits to a creator; and the credit of leads by their latest status.
/// </summary>
internal sealed record OutcomeOracle(
    Dictionary<(string, string), Dictionary<string, (double Conversions, double Revenue)>> Credit,
    Dictionary<(string Campaign, string Creator, ConversionKind Kind, string Model), (double Conversions, double Revenue, double NewCustomers)> ByKind,
    Dictionary<(string Campaign, string Creator, ConversionKind Kind), (long Count, double Value)> Orders,
    HashSet<(string Campaign, string Creator, string User)> Converted)
{
    /// <summary>Journey credit per campaign, platform of the touch and model (direct credit names no post, so no platform).</summary>
    public Dictionary<(string Campaign, Platform Platform, string Model), (double Conversions, double Revenue)> ByPlatform { get; init; } = [];

    /// <summary>Journey credit per campaign, content id of the touch and model (whatever the platform: credit is kept by content id).</summary>
    public Dictionary<(string Campaign, string Content, string Model), (double Conversions, double Revenue)> ByPost { get; init; } = [];

    /// <summary>Journey credit per campaign, content id, country of the touch (touches that carried one) and model.</summary>
    public Dictionary<(string Campaign, string Content, string Country, string Model), (double Conversions, double Revenue)> ByPostCountry { get; init; } = [];

    /// <summary>Each user with an order whose journey holds the post (every journey post is credited under some model).</summary>
    public HashSet<(string Campaign, string Creator, string Content, string User)> ConvertedPosts { get; init; } = [];

    /// <summary>Each credited order's time, once per campaign (creator id empty) and creator any model credits it to.</summary>
    public List<(string Campaign, string Creator, long Ts)> CreditedOrders { get; init; } = [];

    /// <summary>Credit per campaign, creator and model of the leads whose latest update says qualified (or won), and won.</summary>
    public Dictionary<(string Campaign, string Creator, string Model), (double Qualified, double Won)> Leads { get; init; } = [];
}
