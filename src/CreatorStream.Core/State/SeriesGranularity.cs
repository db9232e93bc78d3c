namespace CreatorStream.Core.State;

/// <summary>The periods of a campaign's long series (docs/design.md, "Trends"): UTC hours and UTC days.</summary>
public enum SeriesGranularity
{
    Hour,
    Day,
}
