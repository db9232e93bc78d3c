using System.Text.Json;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Content;
using CreatorStream.Core.Events;
using CreatorStream.Core.Tests.Schemas;
using CreatorStream.Testing;
using Xunit.Abstractions;

namespace CreatorStream.Core.Tests.Content;

/// <summary>
/// The compliance rules measured on captions written apart from them (tests/fixtures/captions: 140 posts written and
/// labelled from the flags' definitions by someone who had not read the rules; its README has the rubric and the
/// ambiguous cases). Each post is judged alone by a fresh tracker; precision and recall per flag are printed and held to
/// the goal: 0.9 each. The first run, before anything was changed, is the held-out measurement (disclosure_missing
/// 0.906 / 0.935, the other three flags 1.0); the default terms were then corrected (two vague tags out, the French
/// statutory wording in), so later runs are on a set that has been seen (docs/benchmarks.md, session 25).
/// </summary>
public sealed class ComplianceHeldOutTests(ITestOutputHelper output)
{
    private const double Goal = 0.9;

    private static readonly string[] Kinds =
        [ComplianceKinds.DisclosureMissing, ComplianceKinds.DisclosureBuried, ComplianceKinds.LinkMismatch, ComplianceKinds.UntrackedPost];

    [Fact]
    public void Rules_OnHeldOutCaptions_MeetTheGoalPerFlag()
    {
        var cases = Cases();
        Assert.Equal(140, cases.Count);
        var disagreements = new List<string>();
        var confusion = Kinds.ToDictionary(k => k, _ => (Tp: 0, Fp: 0, Fn: 0));
        foreach (var c in cases)
        {
            var actual = Judge(c);
            foreach (var kind in Kinds)
            {
                var (expected, got) = (c.Expected.Contains(kind), actual.Contains(kind));
                var (tp, fp, fn) = confusion[kind];
                confusion[kind] = (tp + (expected && got ? 1 : 0), fp + (!expected && got ? 1 : 0), fn + (expected && !got ? 1 : 0));
                if (expected != got)
                {
                    disagreements.Add($"{c.Id} {kind}: expected {expected}, flagged {got} ({c.Note})");
                }
            }
        }

        var below = new List<string>();
        foreach (var (kind, (tp, fp, fn)) in confusion)
        {
            var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
            output.WriteLine($"{kind}: precision {precision:F3} ({tp}/{tp + fp}), recall {recall:F3} ({tp}/{tp + fn})");
            if (precision < Goal || recall < Goal)
            {
                below.Add($"{kind} {precision:F3}/{recall:F3}");
            }
        }

        disagreements.ForEach(output.WriteLine);
        Assert.True(below.Count == 0, $"under the goal of {Goal}: {string.Join(", ", below)}");
    }

    private static HashSet<string> Judge(Caption c)
    {
        var tracker = new ContentTracker(Catalog);
        var delta = new ContentDelta();
        var platform = Enum.GetValues<Platform>().FirstOrDefault(p => WireNames.Of(p) == c.Platform, Platform.Other);
        var format = Enum.GetValues<ContentFormat>().FirstOrDefault(f => WireNames.Of(f) == c.ContentFormat, ContentFormat.Other);
        tracker.Observe(
            new PostEvent
            {
                EventId = "post-" + c.Id,
                Ts = EventBuilder.T0,
                UserId = c.Creator,
                CampaignId = "spring-glow",
                CreatorId = c.Creator,
                Platform = platform,
                ContentId = c.Id,
                ContentFormat = format,
                Action = PostAction.Published,
                PublishedAt = EventBuilder.T0,
                Caption = c.Text,
                Hashtags = c.Hashtags,
                Links = c.Links,
                PaidPartnershipLabel = c.PaidPartnershipLabel,
            },
            delta,
            [],
            0);
        tracker.Publish(delta);
        return [.. delta.Flags.Values.Where(f => f.ContentId == c.Id && f.ClearedAt is null).Select(f => f.Kind)];
    }

    private static readonly CampaignCatalog Catalog = CampaignCatalog.From(new CampaignCatalogDocument
    {
        Campaigns =
        [
            new CampaignConfig
            {
                CampaignId = "spring-glow",
                BrandId = "glowhaus",
                Creators =
                [
                    new CreatorConfig { CreatorId = "maya", Links = ["gh-maya-ig", "gh-maya-tt"], PromoCodes = ["MAYA15"] },
                    new CreatorConfig { CreatorId = "leo", Links = ["gh-leo-yt"], PromoCodes = ["LEO20", "LEOGLOW"] },
                    new CreatorConfig { CreatorId = "ines", Links = ["gh-ines-ig"], PromoCodes = ["INES10"] },
                ],
            },
        ],
    });

    private sealed record Caption(
        string Id, string Creator, string Platform, string ContentFormat, string Text, string[] Hashtags, string[] Links, bool PaidPartnershipLabel, string[] Expected, string Note);

    private static List<Caption> Cases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFiles.RepositoryRoot, "tests", "fixtures", "captions", "heldout.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => new Caption(
            e.GetProperty("id").GetString()!,
            e.GetProperty("creator").GetString()!,
            e.GetProperty("platform").GetString()!,
            e.GetProperty("content_format").GetString()!,
            e.GetProperty("caption").GetString()!,
            [.. e.GetProperty("hashtags").EnumerateArray().Select(x => x.GetString()!)],
            [.. e.GetProperty("links").EnumerateArray().Select(x => x.GetString()!)],
            e.GetProperty("paid_partnership_label").GetBoolean(),
            [.. e.GetProperty("expected").EnumerateArray().Select(x => x.GetString()!)],
            e.GetProperty("note").GetString()!))];
    }
}
