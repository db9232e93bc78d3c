using System.Globalization;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Content;
using CreatorStream.Core.Events;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Simulation;

/// <summary>
/// The creators' post reports (topic <c>creatorstream.posts</c>) and what they owe (docs/design.md, "Content"). Every
/// published post is reported a little after it goes live, with a caption written to a plan chosen from its content id
/// alone (<see cref="PlanOf"/>): most disclose and carry the creator's link, some plant one compliance problem, a few of
/// those are fixed by an edit and a few posts are deleted. Draws nothing from the simulation's random stream, so every
/// other event of a seed is as it was.
/// </summary>
public static class PostReports
{
    /// <summary>
    /// What a post's caption was written to show: null for a clean post, else the compliance kind planted. A buried
    /// disclosure is buried only on a platform that cuts captions (docs/design.md, "Content"); elsewhere it is in view.
    /// </summary>
    public static string? PlanOf(string contentId) => (UserHash.Of(contentId) % 100) switch
    {
        < 8 => ComplianceKinds.DisclosureMissing,
        < 13 => ComplianceKinds.DisclosureBuried,
        < 16 => ComplianceKinds.UntrackedPost,
        < 18 => ComplianceKinds.LinkMismatch,
        _ => null,
    };

    /// <summary>A run longer than a year of event time is taken as endless.</summary>
    private const double EndlessRunMs = 366 * 86_400_000.0;

    /// <summary>What an endless run's deliverables are spread over.</summary>
    private const double DemoSpanMs = 2 * 3_600_000.0;

    /// <summary>Whether a post planted with a missing disclosure is fixed by an edit half an hour later (one in three).</summary>
    public static bool FixedByEdit(string contentId) => UserHash.Of("edit|" + contentId) % 3 == 0;

    /// <summary>Whether a post is deleted two hours after it goes live (one in fifty).</summary>
    public static bool Deleted(string contentId) => UserHash.Of("delete|" + contentId) % 50 == 0;

    /// <summary>
    /// Adds what each creator owes to the generated campaigns: a post on the main platform a quarter into the run, and on
    /// the last platform two to eight posts by half-way (some creators post enough, some do not; in a run longer than
    /// twice the reports' grace, some fall late before it ends). A run without a
    /// real end (run's endless demo traffic) is taken as two hours, so a watcher sees deliverables fall due.
    /// </summary>
    internal static void AddDeliverables(SimulationWorld world, GeneratorOptions options)
    {
        var runMs = options.MaxEvents / options.EventsPerSecond * 1_000;
        if (runMs > EndlessRunMs)
        {
            runMs = DemoSpanMs;
        }

        foreach (var creator in world.Creators)
        {
            creator.Config.Deliverables =
            [
                new DeliverableConfig { Platform = WireNames.Of(creator.Platforms[0]), Count = 1, Due = At(options.StartMs + (long)(runMs / 4)) },
                new DeliverableConfig { Platform = WireNames.Of(creator.Platforms[^1]), Count = 2 + (2 * (creator.Index % 4)), Due = At(options.StartMs + (long)(runMs / 2)) },
            ];
        }
    }

    /// <summary>The reports of a post just published: published (and perhaps edited or deleted later), in time order.</summary>
    internal static IEnumerable<PostEvent> Of(Post post, IReadOnlyList<CreatorProfile> creators)
    {
        var plan = PlanOf(post.ContentId);
        var reportedAt = post.PublishedAt + 1_000 + (long)(UserHash.Of("report|" + post.ContentId) % 60_000);
        var published = Report(post, "p", reportedAt, PostAction.Published, Caption(post, plan), plan, creators);
        yield return published;
        if (plan == ComplianceKinds.DisclosureMissing && FixedByEdit(post.ContentId))
        {
            yield return Report(post, "e", reportedAt + 1_800_000, PostAction.Edited, "#ad " + published.Caption, plan, creators);
        }

        if (Deleted(post.ContentId))
        {
            yield return Report(post, "d", reportedAt + 7_200_000, PostAction.Deleted, null, plan, creators) with { Links = [] };
        }
    }

    private static PostEvent Report(Post post, string version, long ts, PostAction action, string? caption, string? plan, IReadOnlyList<CreatorProfile> creators) => new()
    {
        EventId = string.Create(CultureInfo.InvariantCulture, $"post-{post.ContentId}-{version}"),
        Ts = ts,
        UserId = post.Creator.CreatorId,
        CampaignId = post.Creator.Campaign.CampaignId,
        CreatorId = post.Creator.CreatorId,
        Platform = post.Platform,
        ContentId = post.ContentId,
        ContentFormat = post.Format,
        Action = action,
        PublishedAt = post.PublishedAt,
        Caption = caption,
        Hashtags = ["spring", post.Creator.FirstName.ToLowerInvariant()],
        Links = plan == ComplianceKinds.UntrackedPost ? [] : [$"https://shop.example/go?link_id={LinkOf(post, plan, creators)}"],
    };

    private static string LinkOf(Post post, string? plan, IReadOnlyList<CreatorProfile> creators)
    {
        if (plan != ComplianceKinds.LinkMismatch)
        {
            return post.LinkId;
        }

        // Another creator's link of the same campaign: the copy-paste slip the rule is for.
        var other = creators.FirstOrDefault(c => c.Campaign == post.Creator.Campaign && c != post.Creator);
        return other?.Config.Links[0] ?? post.LinkId;
    }

    private static string Caption(Post post, string? plan)
    {
        var code = plan == ComplianceKinds.UntrackedPost ? "" : $" Code {post.Creator.Config.PromoCodes[0]} for a discount.";
        var body = $"New favourites from the spring drop, styled three ways.{code}";
        return plan switch
        {
            ComplianceKinds.DisclosureMissing => body,
            // Past every platform's preview (at most 280 characters): a long story first, the disclosure at the end.
            ComplianceKinds.DisclosureBuried => body + " " + string.Concat(Enumerable.Repeat("Honestly the fit and the colour are everything, I wore it all week. ", 5)) + "#ad",
            _ => "#ad " + body,
        };
    }

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
