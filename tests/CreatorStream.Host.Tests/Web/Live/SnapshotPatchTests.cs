using System.Text.Json.Nodes;
using CreatorStream.Host.Web.Live;

namespace CreatorStream.Host.Tests.Web.Live;

public sealed class SnapshotPatchTests
{
    [Fact]
    public void Diff_OneCreatorsLikesAndANewMinute_SendsOnlyThose()
    {
        var before = JsonNode.Parse("""
            {"totals":{"impressions":10,"engagements":{"like":2,"total":2},"ctr":null},
             "creators":[{"creator_id":"anna","impressions":6,"ctr":0.5},{"creator_id":"ben","impressions":4,"ctr":null}],
             "series":[{"start":60000,"impressions":10}],"goal":null,"window":"campaign"}
            """)!.AsObject();
        var after = JsonNode.Parse("""
            {"totals":{"impressions":10,"engagements":{"like":3,"total":3},"ctr":null},
             "creators":[{"creator_id":"anna","impressions":6,"ctr":0.5},{"creator_id":"ben","impressions":4,"ctr":0.25}],
             "series":[{"start":120000,"impressions":1}],"goal":{"kpi":"revenue","target":5},"window":"campaign"}
            """)!.AsObject();

        var patch = SnapshotPatch.Diff(before, after);

        // Written by hand from the format's rules.
        Assert.Equal(
            """{"totals":{"engagements":{"like":3,"total":3}},"creators":{"$key":["creator_id"],"$upsert":[{"creator_id":"ben","ctr":0.25}],"$remove":[]},"series":{"$key":["start"],"$upsert":[{"start":120000,"impressions":1}],"$remove":[60000]},"goal":{"kpi":"revenue","target":5}}""",
            patch!.ToJsonString());
    }

    [Fact]
    public void Diff_NothingChanged_IsNull_AndIgnoredFieldsDoNotCount()
    {
        var before = JsonNode.Parse("""{"a":1,"generated_at":5,"alerts":[1]}""")!.AsObject();
        var after = JsonNode.Parse("""{"a":1,"generated_at":6,"alerts":[1,2]}""")!.AsObject();

        Assert.Null(SnapshotPatch.Diff(before, after, new HashSet<string> { "generated_at", "alerts" }));
        Assert.NotNull(SnapshotPatch.Diff(before, after));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Diff_RandomSnapshots_AppliedByAnIndependentReader_GivesTheNewOne(int seed)
    {
        var random = new Random(seed);
        var before = RandomSnapshot(random);
        for (var step = 0; step < 40; step++)
        {
            var after = RandomSnapshot(random, before);
            var patch = SnapshotPatch.Diff(before, after);

            var applied = patch is null ? before.DeepClone() : Apply(before.DeepClone(), patch);

            Assert.Equal(Canonical(after), Canonical(applied));
            before = after;
        }
    }

    /// <summary>The format's rules applied as a client would, written apart from <see cref="SnapshotPatch"/>.</summary>
    private static JsonNode Apply(JsonNode target, JsonObject patch)
    {
        var result = target as JsonObject ?? [];
        foreach (var (name, change) in patch)
        {
            var current = result[name];
            if (change is JsonObject keyed && keyed.ContainsKey("$key") && current is JsonArray rows)
            {
                var key = keyed["$key"]!.AsArray().Select(k => k!.GetValue<string>()).ToArray();
                string Id(JsonNode? row) => string.Join("|", key.Select(k => row![k]?.ToJsonString()));
                string RemovedId(JsonNode? removed) => key.Length == 1 ? removed!.ToJsonString() : string.Join("|", removed!.AsArray().Select(v => v?.ToJsonString()));
                var removed = keyed["$remove"]!.AsArray().Select(RemovedId).ToHashSet();
                var kept = rows.Where(r => !removed.Contains(Id(r))).Select(r => r!.DeepClone()).ToList();
                foreach (var upsert in keyed["$upsert"]!.AsArray())
                {
                    var at = kept.FindIndex(r => Id(r) == Id(upsert));
                    if (at < 0)
                    {
                        kept.Add(upsert!.DeepClone());
                    }
                    else
                    {
                        kept[at] = Apply(kept[at], upsert!.AsObject());
                    }
                }

                result[name] = new JsonArray([.. kept]);
            }
            else if (change is JsonObject nested && current is JsonObject)
            {
                result[name] = Apply(current.DeepClone(), nested);
            }
            else
            {
                result[name] = change?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>Rows in key order (a patch keeps no order: the page sorts), then the JSON text.</summary>
    private static string Canonical(JsonNode node)
    {
        var copy = node.DeepClone().AsObject();
        copy["creators"] = new JsonArray([.. copy["creators"]!.AsArray().OrderBy(r => r!["creator_id"]!.GetValue<string>(), StringComparer.Ordinal).Select(r => r!.DeepClone())]);
        copy["series"] = new JsonArray([.. copy["series"]!.AsArray().OrderBy(r => r!["start"]!.GetValue<long>()).Select(r => r!.DeepClone())]);
        return copy.ToJsonString();
    }

    private static JsonObject RandomSnapshot(Random random, JsonObject? from = null)
    {
        long Count(string path) => random.Next(4) == 0 ? random.Next(100) : (from?[path]?.GetValue<long>() ?? 0);
        var creators = new JsonArray();
        foreach (var id in new[] { "anna", "ben", "cleo", "dan" }.Where(_ => random.Next(5) > 0))
        {
            creators.Add(new JsonObject
            {
                ["creator_id"] = id,
                ["impressions"] = random.Next(3) == 0 ? random.Next(50) : 7,
                ["ctr"] = random.Next(3) == 0 ? null : JsonValue.Create(random.Next(3) / 4.0),
                ["engagements"] = new JsonObject { ["like"] = random.Next(3), ["total"] = random.Next(5) },
            });
        }

        var series = new JsonArray();
        var first = random.Next(3);
        for (var minute = first; minute < first + random.Next(1, 4); minute++)
        {
            series.Add(new JsonObject { ["start"] = minute * 60_000L, ["impressions"] = random.Next(3), ["corrected_at"] = random.Next(4) == 0 ? 99 : null });
        }

        return new JsonObject
        {
            ["impressions"] = Count("impressions"),
            ["totals"] = new JsonObject { ["reach"] = random.Next(3), ["rate"] = random.Next(2) == 0 ? null : JsonValue.Create(0.1 * random.Next(3)) },
            ["goal"] = random.Next(3) == 0 ? null : new JsonObject { ["kpi"] = "revenue", ["current"] = random.Next(3) },
            ["creators"] = creators,
            ["series"] = series,
        };
    }
}
