using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Streaming;

/// <summary>How one audience event changes the counters (docs/design.md, "Metrics").</summary>
internal static class EventCounting
{
    public static void Count(ref Counters counters, AudienceEvent e, bool authentic)
    {
        switch (e)
        {
            case Impression:
                counters.Impressions++;
                break;
            case Engagement engagement:
                counters.AddEngagement(engagement.Kind, authentic);
                break;
            case Click click:
                counters.AddClick(click.DwellMs, click.Pages);
                break;
        }
    }
}
