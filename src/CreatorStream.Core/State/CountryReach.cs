namespace CreatorStream.Core.State;

/// <summary>Impressions and clicks of a post from one country, counted as they arrive (as the post's own are). A mutable value.</summary>
public struct CountryReach
{
    public long Impressions { get; private set; }

    public long Clicks { get; private set; }

    public void Add(long impressions, long clicks)
    {
        Impressions += impressions;
        Clicks += clicks;
    }
}
