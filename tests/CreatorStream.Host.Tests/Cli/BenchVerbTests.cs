using System.Globalization;
using System.Text.Json;
using CreatorStream.Host.Cli;
using CreatorStream.Simulation;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Cli;

/// <summary>
/// <c>creatorstream bench</c> run as an operator runs it (a child process, 127.0.0.1 only, bounded in time); the
/// figures are checked against the generator's ground truth (which records are duplicates or malformed), not
/// against the bench's own bookkeeping.
/// </summary>
public sealed class BenchVerbTests
{
    private static readonly string[] IssueKeys =
    [
        "events_per_second", "raw_ceiling_events_per_second", "ratio_to_ceiling", "latency_ms_p50", "latency_ms_p99",
        "hub_latency_ms_p99", "peak_rss_mb", "bytes_allocated_per_event",
    ];

    [Fact]
    public async Task Replay_GeneratedFile_CountsEveryRecordAsTheGeneratorLabelledIt()
    {
        using var dir = new TempDirectory("bench-replay-");
        var generator = new TrafficGenerator(new GeneratorOptions { StartMs = 1_767_225_600_000, MaxEvents = 5_000, Seed = 8 });
        var records = generator.Generate().ToList();
        var events = dir.Combine("events.jsonl");
        await using (var file = File.Create(events))
        {
            foreach (var record in records)
            {
                await file.WriteAsync(record.Value);
                file.WriteByte((byte)'\n');
            }
        }

        var campaigns = dir.Combine("campaigns.json");
        await File.WriteAllTextAsync(campaigns, Core.Configuration.CampaignCatalog.From(generator.Campaigns).ToJson());
        var json = dir.Combine("bench.json");
        await using var bench = CliProcess.Start("bench", "--replay", events, "--campaigns", campaigns, "--json", json);

        Assert.Equal(ExitCodes.Success, await bench.WaitForExitAsync(TimeSpan.FromSeconds(90)));

        var figures = await ReadAsync(json);
        AssertIssueKeys(figures);
        Assert.Equal("replay", figures.GetProperty("mode").GetString());
        Assert.Equal(records.Count, figures.GetProperty("records_processed").GetInt64());
        Assert.Equal(records.Count(r => r.Kind == RecordKind.Duplicate), figures.GetProperty("duplicates").GetInt64());
        Assert.Equal(records.Count(r => r.Kind == RecordKind.Malformed), figures.GetProperty("dead_letters").GetInt64());
        Assert.Equal(records.Count(r => r.Kind == RecordKind.Genuine), figures.GetProperty("events_counted").GetInt64());
        Assert.True(figures.GetProperty("events_per_second").GetDouble() > 0);
        Assert.InRange(figures.GetProperty("ratio_to_ceiling").GetDouble(), 0.0001, 1.5);
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("latency_ms_p99").ValueKind); // no producer to measure from
        Assert.True(figures.GetProperty("bytes_allocated_per_event").GetDouble() > 0);
        Assert.Contains(figures.GetProperty("gc_server").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False }); // the collector it ran under
        Assert.True(figures.GetProperty("gc_pause_ms_total").GetDouble() >= 0 && figures.GetProperty("gc_gen0").GetInt32() >= 0);
        Assert.Contains("bench: decode-only", bench.Output, StringComparison.Ordinal); // progress on standard error
    }

    [Fact]
    public async Task Live_FiveSecondsOnTheEmbeddedBroker_ProcessesEveryRecordProducedAndMeasuresLatencies()
    {
        using var dir = new TempDirectory("bench-live-");
        var json = dir.Combine("bench.json");
        var timeline = dir.Combine("timeline.csv");
        await using var bench = CliProcess.Start("bench", "--duration", "5", "--rate", "5000", "--json", json, "--timeline", timeline);

        Assert.Equal(ExitCodes.Success, await bench.WaitForExitAsync(TimeSpan.FromSeconds(180)));

        var figures = await ReadAsync(json);
        AssertIssueKeys(figures);
        Assert.Equal("live", figures.GetProperty("mode").GetString());
        var produced = figures.GetProperty("records_produced").GetInt64();

        // 5 s at 5,000/s: never more than the pace allows (give or take its start and the generator's clock); fewer when
        // the machine starves the producer (17,380 in one full run beside other work), so the floor is a second's worth.
        Assert.InRange(produced, 5_000, 26_000);
        Assert.Equal(produced, figures.GetProperty("records_processed").GetInt64());
        Assert.Equal(produced, figures.GetProperty("latency_samples").GetInt64());
        Assert.Equal(
            produced,
            figures.GetProperty("events_counted").GetInt64() + figures.GetProperty("duplicates").GetInt64() + figures.GetProperty("dead_letters").GetInt64());
        Assert.InRange(figures.GetProperty("ratio_to_ceiling").GetDouble(), 0.0001, 1.5);
        Assert.InRange(figures.GetProperty("raw_ceiling_events_per_second").GetDouble(), 1_000, 100_000_000);
        var p50 = figures.GetProperty("latency_ms_p50").GetDouble();
        var p99 = figures.GetProperty("latency_ms_p99").GetDouble();
        Assert.InRange(p50, 0.01, p99);
        Assert.InRange(p99, p50, 30_000);

        // Steady figures leave the first five seconds out; a five-second run has few or no records after them.
        var steady = figures.GetProperty("latency_ms_p99_steady");
        Assert.True(steady.ValueKind == JsonValueKind.Null || steady.GetDouble() <= figures.GetProperty("latency_ms_max").GetDouble());

        // The client saw every genuine audience event's count (nearly all the generator's records); a hub update follows
        // the commit, so no event reaches the client before the store.
        var candidates = figures.GetProperty("hub_latency_candidates").GetInt64();
        Assert.InRange(candidates, produced * 9 / 10, produced);
        Assert.Equal(candidates, figures.GetProperty("hub_latency_samples").GetInt64());
        Assert.InRange(figures.GetProperty("hub_latency_ms_p50").GetDouble(), p50, 30_000);
        Assert.True(figures.GetProperty("peak_rss_mb").GetDouble() > 0);
        Assert.True(figures.GetProperty("bytes_allocated_per_event").GetDouble() > 0);
        Assert.Matches(@"bench: producing \d+ s: [\d,]+ produced", bench.Output); // progress while it runs

        // The collector's counts over the run, and the run second by second: every record produced and committed once.
        Assert.True(figures.GetProperty("gc_gen0").GetInt32() >= figures.GetProperty("gc_gen2").GetInt32());
        Assert.True(figures.GetProperty("gc_pause_ms_total").GetDouble() >= figures.GetProperty("gc_pause_ms_max").GetDouble());
        var lines = await File.ReadAllLinesAsync(timeline);
        Assert.Equal(TimelineHeader, lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.InRange(rows.Count, 5, 60);
        Assert.All(rows, r => Assert.Equal(TimelineHeader.Split(',').Length, r.Length));
        Assert.Equal(produced, rows.Sum(r => long.Parse(r[1], CultureInfo.InvariantCulture)));
        Assert.Equal(produced, rows.Sum(r => long.Parse(r[2], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Live_Preloaded_TimesThePipelineOverEveryPreloadedRecordWithoutLatencies()
    {
        using var dir = new TempDirectory("bench-preload-");
        var json = dir.Combine("bench.json");
        await using var bench = CliProcess.Start("bench", "--preload", "20000", "--json", json);

        Assert.Equal(ExitCodes.Success, await bench.WaitForExitAsync(TimeSpan.FromSeconds(180)));

        var figures = await ReadAsync(json);
        Assert.Equal("live-preloaded", figures.GetProperty("mode").GetString());
        Assert.Equal(20_000, figures.GetProperty("records_produced").GetInt64());
        Assert.Equal(
            20_000,
            figures.GetProperty("events_counted").GetInt64() + figures.GetProperty("duplicates").GetInt64() + figures.GetProperty("dead_letters").GetInt64());

        // Timed from the group's join: records taken before it (a few batches at most) are not in the rate.
        Assert.InRange(figures.GetProperty("records_processed").GetInt64(), 15_000, 20_000);
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("latency_ms_p99").ValueKind); // every record waited from before the start
        Assert.InRange(figures.GetProperty("ratio_to_ceiling").GetDouble(), 0.0001, 1.5);
        Assert.Equal(20_000, figures.GetProperty("raw_ceiling_records").GetInt64()); // the broker kept every record
        Assert.Contains("bench: preloaded 20,000 records", bench.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_APreloadTheEmbeddedBrokerCannotKeep_IsRefusedWithTheReason()
    {
        // One partition a topic keeps about 5 MiB of each (of LZ4-compressed batches): far fewer impressions than asked for.
        await using var bench = CliProcess.Start("bench", "--preload", "200000", "--partitions", "1");

        Assert.Equal(ExitCodes.Usage, await bench.WaitForExitAsync(TimeSpan.FromSeconds(180)));
        Assert.Contains("configuration error at --preload: the embedded broker dropped records of creatorstream.", bench.Output, StringComparison.Ordinal);
        Assert.Contains("preload fewer than 200,000", bench.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Soak_ThreeHoursOfEventTime_ReplaysEveryRecordOfThemAndSamplesTheHeapEachHour()
    {
        using var dir = new TempDirectory("bench-soak-");
        var (json, curve) = (dir.Combine("soak.json"), dir.Combine("soak.csv"));
        await using var bench = CliProcess.Start("bench", "--soak", "3", "--event-rate", "20", "--users", "500", "--seed", "5", "--json", json, "--timeline", curve);

        Assert.Equal(ExitCodes.Success, await bench.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        // The input by its definition: the generator's records until the first event three hours after the start.
        var generator = new TrafficGenerator(new GeneratorOptions
        {
            Seed = 5,
            StartMs = 1_767_225_600_000,
            EventsPerSecond = 20,
            UsersPerCampaign = 500,
            PostCycle = TimeSpan.FromHours(6),
            MaxEvents = long.MaxValue,
        });
        var records = generator.Generate().TakeWhile(r => r.Event is null || r.Event.Ts < 1_767_225_600_000 + (3 * 3_600_000)).ToList();
        var figures = await ReadAsync(json);
        Assert.Equal("soak", figures.GetProperty("mode").GetString());
        Assert.Equal(records.Count, figures.GetProperty("records").GetInt64());
        Assert.Equal(records.Count(r => r.Kind == RecordKind.Duplicate), figures.GetProperty("duplicates").GetInt64());
        Assert.Equal(records.Count(r => r.Kind == RecordKind.Genuine), figures.GetProperty("events_counted").GetInt64());
        Assert.Equal(0, figures.GetProperty("duplicates_probable").GetInt64()); // every re-sent record is minutes behind its first

        var samples = figures.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal([1.0, 2.0, 3.0], samples.Select(s => s.GetProperty("hours").GetDouble()));
        Assert.All(samples, s => Assert.True(s.GetProperty("heap").GetProperty("live_bytes").GetInt64() > 0));
        Assert.True(samples[1].GetProperty("records_generated").GetInt64() > samples[0].GetProperty("records_generated").GetInt64());
        var allocated = samples.Select(s => s.GetProperty("pipeline_allocated_bytes").GetInt64()).ToList();
        Assert.True(allocated[0] > 0 && allocated[1] > allocated[0] && allocated[2] > allocated[1], string.Join(", ", allocated)); // the pipeline's, every hour
        var process = samples.Select(s => s.GetProperty("process_allocated_bytes").GetInt64()).ToList();
        Assert.All(allocated.Zip(process), p => Assert.InRange(p.First, 1, p.Second - 1)); // the generator's thread left out of the pipeline's
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("pipeline_bytes_per_record_after_horizon").ValueKind);
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("live_mb_per_hour_after_horizon").ValueKind); // three hours: nothing past the 24 h horizon
        var lines = await File.ReadAllLinesAsync(curve);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("hours,records_generated", lines[0], StringComparison.Ordinal);
        Assert.Contains("bench: hour 2 of 3", bench.Output, StringComparison.Ordinal); // progress on standard error
    }

    [Fact]
    public async Task Memory_SmallPopulation_HoldsEveryUsersStateAndNamesItsParts()
    {
        using var dir = new TempDirectory("bench-memory-");
        var json = dir.Combine("memory.json");
        await using var bench = CliProcess.Start("bench", "--memory", "--users", "2000", "--creators", "30", "--components", "--json", json);

        Assert.Equal(ExitCodes.Success, await bench.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        var figures = await ReadAsync(json);
        Assert.Equal("memory", figures.GetProperty("mode").GetString());
        Assert.Equal(2_000, figures.GetProperty("users").GetInt32());
        Assert.Equal(120, figures.GetProperty("posts").GetInt32());
        var records = figures.GetProperty("records").GetInt64();
        Assert.InRange(records, 4 * 2_000, 5 * 2_000); // four steps a user, a click for 40%, a purchase for 4%
        Assert.Equal(records, figures.GetProperty("events_counted").GetInt64()); // nothing malformed, duplicate or late
        var state = figures.GetProperty("state").GetProperty("live_bytes").GetInt64();
        Assert.InRange(state, 2_000 * 100, 2_000 * 100_000);
        Assert.Equal(state, figures.GetProperty("processor").GetProperty("live_bytes").GetInt64() + figures.GetProperty("store").GetProperty("live_bytes").GetInt64());
        var components = figures.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("entries").GetInt64());
        Assert.Equal(records, components["dedup (event ids, 24 h)"]); // every event id is remembered: all users still active
        Assert.Equal(2_000, components["attribution (journeys, open paths, chains)"]);
    }

    [Fact]
    public async Task Memory_TwentyThousandUsers_StaysWithinTheStateBudgetPerUser()
    {
        // The memory budget, as HotPathAllocationTests is the allocation budget: 20,000 users on 3 creators (so per-user
        // state dominates) held 2,026 bytes a user when set (2,655 before event ids became EventIdKeys and the classifier's
        // and journeys' per-user objects were compacted); 2,416 with group authenticity (issue 18: who met which creator,
        // engagements kept for revision, each account's id, the events awaiting judgement); 1,903 in session 39. The budget
        // sits at the goal, not at that figure: a million active users fit under 2 GiB resident with 49 to 112 MiB to spare
        // (1,566 bytes a user live there, resident about 1.3 times live; docs/benchmarks.md, session 39), about 40 to 85
        // bytes a user of live state, so a change that adds more than about 45 (an object, an array or a dictionary
        // entry per engaging user) fails here before it loses the goal. Live bytes here are the same from run to run.
        const long BudgetBytesPerUser = 1_950;
        using var dir = new TempDirectory("bench-memory-");
        var json = dir.Combine("memory.json");
        await using var bench = CliProcess.Start("bench", "--memory", "--users", "20000", "--creators", "3", "--json", json);

        Assert.Equal(ExitCodes.Success, await bench.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        var perUser = (await ReadAsync(json)).GetProperty("state_bytes_per_user").GetDouble();
        Assert.InRange(perUser, 500, BudgetBytesPerUser);
    }

    private const string TimelineHeader =
        "second,produced,committed,latency_ms_p50,latency_ms_p99,latency_ms_max,commits,batch_max,commit_ms_max," +
        "gc0,gc1,gc2_background,gc2_blocking,gc_pause_ms,gc_pause_ms_max,heap_mb,hub_messages,snapshot_held_ms,snapshot_ms";

    private static async Task<JsonElement> ReadAsync(string path) => JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;

    private static void AssertIssueKeys(JsonElement figures)
    {
        foreach (var key in IssueKeys)
        {
            Assert.True(figures.TryGetProperty(key, out _), $"the JSON lacks '{key}'");
        }
    }
}
