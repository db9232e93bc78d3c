using System.Globalization;
using System.Text;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// Bounded recovery (docs/design.md, "Recovery"): a brand task saved after any batch and loaded into a fresh task goes
/// on exactly as the original would have. The oracle is the uninterrupted task itself, batch by batch, over everything
/// its output says (figures, reach hashes, credit under every model, alerts, flagged accounts, closed windows, dead
/// letters), on generated traffic with fakes, refunds and data-driven credit from the chains.
/// </summary>
public sealed class BrandTaskSnapshotTests
{
    private const long StartMs = 1_767_225_600_000;

    [Theory]
    [InlineData(21, 3)]
    [InlineData(21, 9)]
    [InlineData(21, 14)]
    [InlineData(7, 11)]
    [InlineData(8, 17)]
    public void Load_AfterAnyBatch_ContinuesExactlyAsTheOriginal(int seed, int cut)
    {
        var (catalog, batches) = Traffic(seed);
        var original = Task(catalog);
        var before = batches.Take(cut).Select(b => Canonical(Process(original, b))).ToList();
        var snapshot = original.Save(cut);
        var expected = batches.Skip(cut).Select(b => Canonical(Process(original, b))).ToList();

        var restored = Task(catalog);
        var position = restored.Load(Recut(snapshot, seed)); // as a store may give it back: in other pieces than written
        Assert.True(snapshot.SameBytes(restored.Save(position))); // the format reads back to the same bytes
        var actual = batches.Skip(cut).Select(b => Canonical(Process(restored, b))).ToList();

        Assert.Equal(cut, position);
        Assert.NotEmpty(before);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] == actual[i], $"batch {cut + i} after the cut differs:\n{FirstDifference(expected[i], actual[i])}");
        }

        var all = string.Join('\n', expected);
        Assert.Contains("alert inauthentic_engagement", all, StringComparison.Ordinal); // the state carried incidents across the cut
        Assert.Contains("credit data_driven", all, StringComparison.Ordinal);
        Assert.Contains("flagged ", all, StringComparison.Ordinal);
        Assert.Contains("post {", all, StringComparison.Ordinal); // the content tracker's posts carried across the cut
        Assert.Contains("deliverable {", all, StringComparison.Ordinal);
        Assert.Contains("commissions ", all, StringComparison.Ordinal);
        if (seed == 21)
        {
            Assert.Contains("alert engagement_spike", all, StringComparison.Ordinal); // baselines learned before the cut judged it
        }
    }

    // An event is judged once a later one moves the watermark past it: with events 0-12 (CustomerScenario in time order),
    // the batches before cut n judge events 0 to n - 2. At 7 the first purchases are judged and every repeat is to come;
    // at 11 c1's day-40 repeat is judged, the day-100 one is not; at 12 the day-100 repeat is judged before the cut and
    // its refund after, so the refund reads the restored repeat's acquisition and the restored ledger.
    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(12)]
    public void Load_CustomersAcrossTheCut_ContinueExactlyAsTheOriginal(int cut)
    {
        // docs/design.md, "Customer value": the ledger of customers and each order's place in it cross a snapshot.
        var catalog = Testing.TestCampaigns.Spring();
        var router = new BrandRouter(catalog, partitions: 1);
        var source = new SourceTask(new SourcePartition("t", 0), catalog, router, ProcessorOptions.Default with { IdleTimeout = null }, new EventDecoder(), 0);
        var batches = new List<List<BrandInput>>();
        foreach (var (e, offset) in Testing.CustomerScenario.Events().Select((e, i) => (e, (long)i)))
        {
            var output = new SourceOutput(1, 0);
            source.Route(new InboundRecord(source.Partition, offset, e.Type, ReadOnlyMemory<byte>.Empty, EventWriter.ToUtf8(e, includeType: false)), 0, output);
            var inputs = output.ByPartition[0];
            inputs.Add(BrandInput.Of(source.Mark(offset + 1, 0)));
            batches.Add(inputs);
        }

        var original = Task(catalog);
        batches.Take(cut).ToList().ForEach(b => Process(original, b));
        var snapshot = original.Save(cut);
        var expected = batches.Skip(cut).Select(b => Canonical(Process(original, b))).ToList();
        var restored = Task(catalog);
        restored.Load(snapshot);
        Assert.True(snapshot.SameBytes(restored.Save(cut)));
        var actual = batches.Skip(cut).Select(b => Canonical(Process(restored, b))).ToList();

        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] == actual[i], $"batch {cut + i} after the cut differs:\n{FirstDifference(expected[i], actual[i])}");
        }

        // Some repeat figure moved after the cut: the ledger or a repeat order's acquisition crossed it.
        Assert.Contains(expected.SelectMany(b => b.Split('\n')), l => l.Contains(" repeat ", StringComparison.Ordinal) && !l.EndsWith(" repeat 0 0 0 0 0 0", StringComparison.Ordinal));
    }

    // Snapshots of older formats kept as fixtures, each written for seed 21 at cut 3 by the build that last wrote its
    // format: format 17 (the journeys with their posts' and users' ids) by b3bf578, format 18 (waiting events as JSON) by
    // 4c02460, format 19 (waiting events' identifiers as their text) by d2e7227, format 20 (waiting audience events with their
    // records' provenance) by e29cbbb. A worker of this build restores each to the state the original had, and saves that in its own format,
    // in fewer bytes (docs/design.md, "Recovery").
    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    [InlineData(20)]
    public void Load_AnOlderFormat_ContinuesExactlyAsTheOriginal(int format)
    {
        const int Cut = 3;
        var (catalog, batches) = Traffic(21);
        var original = Task(catalog);
        batches.Take(Cut).ToList().ForEach(b => Process(original, b));
        var expected = batches.Skip(Cut).Select(b => Canonical(Process(original, b))).ToList();
        using var fixture = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(Schemas.SchemaFiles.RepositoryRoot, "tests", "fixtures", "snapshots", $"brand-task-format{format}-seed21-cut3.bin.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        fixture.CopyTo(bytes);
        var old = bytes.ToArray();
        Assert.Equal(format, old[0]);

        var restored = Task(catalog);
        Assert.Equal(Cut, restored.Load(old));
        var resaved = restored.Save(Cut);
        var again = Task(catalog);
        again.Load(resaved);
        var actual = batches.Skip(Cut).Select(b => Canonical(Process(again, b))).ToList();

        Assert.Equal(BrandTask.SnapshotFormat, resaved.Segments[0].Span[0]);
        Assert.True(resaved.Length < old.Length, $"format {BrandTask.SnapshotFormat} took {resaved.Length:N0} bytes, format {format} {old.Length:N0}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] == actual[i], $"batch {Cut + i} after the cut differs:\n{FirstDifference(expected[i], actual[i])}");
        }
    }

    [Fact]
    public void Load_AnotherFormat_IsRefusedWithItsNumber()
    {
        var (catalog, batches) = Traffic(7);
        var task = Task(catalog);
        Process(task, batches[0]);
        var snapshot = task.Save(1).ToArray();
        snapshot[0] = BrandTask.SnapshotFormat + 1;

        var error = Assert.Throws<InvalidDataException>(() => Task(catalog).Load(snapshot));
        Assert.Contains($"format {BrandTask.SnapshotFormat + 1}", error.Message, StringComparison.Ordinal);
    }

    // The layout's bytes (docs/design.md, "Recovery"): a change that claims to keep the snapshot format must write the
    // bytes the format has always had. A change of layout changes SnapshotFormat and this hash together, on purpose.
    // Format 17's bytes were fb1ab86's (session 37), then, with the open paths written user by user (session 40), that
    // snapshot loaded and saved again. Format 18 (session 40: the journeys' posts and users in tables) was
    // 9D7F1F5B3F108F04BD161500396880A0B12DA52CCD69A72C5AC69D0FAD4A79E7. Format 19 (session 42: waiting audience events as
    // their fields, and deduplication's exact ids as their log alone) was
    // 188023570A1FE597D94FD85FD33F64D65FBA2AA3F0ADCF86AF0AABCABC903063. Format 20 (session 43: a waiting event's
    // identifiers as their keys) was 85FAB959CDBDB7097FC252B4AECCE3278ED29116BEF59142ABE1E87316B18AC4. Format 21 (session
    // 53: a waiting audience event without its record's provenance) was
    // DC801BD4978E23D818618E3B6DE46CA1EFC5B988E7FE51BE9A104D885016AF43 until session 70, when the classifier's
    // acquaintances and impression counts, now flat tables, came to be written sorted by key: the same layout, which
    // reads either order, so the format's number stayed. This hash is format 21's since;
    // Load_AnOlderFormat_ContinuesExactlyAsTheOriginal holds the old formats' restores.
    private const string FormatBytesHash = "394242D4C8E745172C6584F007844529386405E748AE66A795BEB6CACFCA62D5";

    [Fact]
    public void Save_FixedTrafficAndCut_WritesTheBytesOfItsFormat()
    {
        var (catalog, batches) = Traffic(21);
        var task = Task(catalog);
        batches.Take(14).ToList().ForEach(b => Process(task, b));

        var snapshot = task.Save(14);

        Assert.Equal(21, BrandTask.SnapshotFormat);
        Assert.Equal(FormatBytesHash, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(snapshot.ToArray())));
    }

    /// <summary>The same bytes in segments of 1 to 200 bytes: values of every kind straddle two.</summary>
    private static Core.Snapshots.SnapshotBytes Recut(Core.Snapshots.SnapshotBytes snapshot, int seed)
    {
        var (all, random) = (snapshot.ToArray(), new Random(seed));
        var segments = new List<ReadOnlyMemory<byte>>();
        for (var at = 0; at < all.Length; at += segments[^1].Length)
        {
            segments.Add(all.AsMemory(at, Math.Min(random.Next(1, 201), all.Length - at)));
        }

        return new Core.Snapshots.SnapshotBytes(segments);
    }

    /// <summary>
    /// A snapshot taken in two steps (decision 0033): captured after a batch, then finished while the task goes on with
    /// the rest of its records (on another thread, and again after the last), its bytes are those <see cref="BrandTask.Save"/>
    /// writes at the capture's position. The oracle is a twin task given the same batches and saved at once.
    /// </summary>
    [Theory]
    [InlineData(21, 3)]
    [InlineData(21, 14)]
    [InlineData(7, 11)]
    [InlineData(8, 17)]
    public async System.Threading.Tasks.Task Capture_FinishedWhileTheTaskGoesOn_WritesTheBytesOfItsPosition(int seed, int cut)
    {
        var (catalog, batches) = Traffic(seed);
        var (twin, task) = (Task(catalog), Task(catalog));
        foreach (var batch in batches.Take(cut))
        {
            Process(twin, batch);
            Process(task, batch);
        }

        var expected = twin.Save(cut);
        var (beside, after) = (task.Capture(cut), task.Capture(cut));
        Assert.True(beside.FrozenParts > 0); // the large parts are left for later, not written in the batch
        var finishing = System.Threading.Tasks.Task.Run(beside.Finish);
        foreach (var batch in batches.Skip(cut))
        {
            Process(task, batch); // changes, forgets and reuses what the frozen parts were copied from
        }

        Assert.True(batches.Count - cut >= 5);
        Assert.True(expected.SameBytes(await finishing), "finished beside the task");
        Assert.True(expected.SameBytes(after.Finish()), "finished after the task's last batch");
        Assert.False(expected.SameBytes(task.Save(cut))); // the state did move on: the comparison could fail
    }

    /// <summary>
    /// A capture's copies are in arrays lent by a pool (<see cref="Core.Snapshots.FrozenArrays{T}"/>), longer than asked
    /// and not cleared between loans when their items hold no references: one whose write read past its own copy would
    /// write what an earlier capture left there. Here the pool holds only such leftovers, made to look like data: slot
    /// numbers and arrival queue markers.
    /// </summary>
    [Theory]
    [InlineData(21, 9)]
    [InlineData(8, 17)]
    public void Capture_OnArraysLeftDirtyInThePool_WritesTheBytesOfItsPosition(int seed, int cut)
    {
        var (catalog, batches) = Traffic(seed);
        var (twin, task) = (Task(catalog), Task(catalog));
        foreach (var batch in batches.Take(cut))
        {
            Process(twin, batch);
            Process(task, batch);
        }

        Dirty(12_345);
        Dirty((0xFFFF_FFFFUL << 32) | 7); // an arrival queue's base marker
        Assert.True(twin.Save(cut).SameBytes(task.Capture(cut).Finish()));
    }

    // Lends, fills and gives back arrays of every size up to a million items, so the next loans of each size are these.
    private static void Dirty<T>(T leftover)
    {
        var leases = new List<IDisposable>();
        for (var length = 16; length <= 1 << 20; length *= 2)
        {
            var (array, lease) = Core.Snapshots.FrozenArrays<T>.Rent(length);
            Array.Fill(array, leftover);
            leases.Add(lease);
        }

        leases.ForEach(l => l.Dispose());
    }

    /// <summary>Generated traffic, decoded and routed by a source task, in batches of about 50 s of event time.</summary>
    private static (CampaignCatalog Catalog, List<List<BrandInput>> Batches) Traffic(int seed)
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = seed, StartMs = StartMs, MaxEvents = 20_000, EventsPerSecond = 30, PostReports = true });
        var records = generator.Generate().ToList();
        var document = generator.Campaigns;
        foreach (var campaign in document.Campaigns)
        {
            campaign.Attribution.DataDrivenMinConversions = 3;
            foreach (var creator in campaign.Creators)
            {
                // Commission ledgers carry orders and refunds across the cut (docs/design.md, "Commissions").
                creator.Commission = new Core.Commissions.CommissionPlan
                {
                    Model = "linear",
                    Period = "day",
                    HoldDays = 1,
                    Rules = [new() { Kind = "percent", Rate = 0.1 }, new() { Kind = "percent", Rate = 0.05, Of = "direct" }, new() { Kind = "bounty", Amount = 2, ConversionKind = "signup" }],
                };
            }
        }

        var catalog = CampaignCatalog.From(document);
        var router = new BrandRouter(catalog, partitions: 1);
        var source = new SourceTask(new SourcePartition("t", 0), catalog, router, ProcessorOptions.Default with { IdleTimeout = null }, new EventDecoder(), 0);
        var batches = new List<List<BrandInput>>();
        foreach (var (chunk, index) in records.Chunk(2_000).Select((c, i) => (c, i)))
        {
            var output = new SourceOutput(1, 0);
            foreach (var (record, offset) in chunk.Select((r, i) => (r, (index * 2_000L) + i)))
            {
                source.Route(new InboundRecord(source.Partition, offset, record.Type, ReadOnlyMemory<byte>.Empty, record.Value), 0, output);
            }

            var inputs = output.ByPartition[0];
            inputs.Add(BrandInput.Of(source.Mark((index + 1) * 2_000L, 0)));

            // Smaller batches than the source's: the brand task sees event time move within each.
            batches.AddRange(inputs.Chunk(700).Select(c => c.ToList()));
        }

        return (catalog, batches);
    }

    private static BrandTask Task(CampaignCatalog catalog)
    {
        var options = ProcessorOptions.Default with { IdleTimeout = null, FlagsInterval = TimeSpan.Zero };
        var task = new BrandTask(0, catalog, new BrandRouter(catalog, 1), options, () => new AuthenticityClassifier(options.Authenticity), new EventDecoder());
        task.Upstream.Expect(new SourcePartition("t", 0));
        return task;
    }

    private static BatchResult Process(BrandTask task, List<BrandInput> inputs)
    {
        var result = new BatchResult(StartMs);
        task.Process(inputs, result);
        return result;
    }

    /// <summary>Everything a batch's result says, one line a fact, in a fixed order.</summary>
    private static string Canonical(BatchResult result)
    {
        var d = result.Delta;
        var lines = new List<string>();
        string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        foreach (var (key, change) in d.Aggregates)
        {
            var c = change.Counters;
            lines.Add($"agg {key} {c.Impressions} {c.Likes} {c.Comments} {c.Shares} {c.Saves} {c.AuthenticEngagements} {c.Clicks} {c.Conversions} {c.Visits} {c.DwellClicks} {c.DwellMs} {c.PagedClicks} {c.Pages} {c.Bounces} {c.FunnelReached} {c.FunnelEngaged} {c.FunnelClicked} {c.FunnelConverted} {change.FirstEventTs} {change.LastEventTs} {change.Format} [{string.Join(',', change.UserHashes.Distinct().Order())}] {d.CorrectedBuckets.Contains(key)}");
        }

        foreach (var (key, sums) in d.Attribution.Credits)
        {
            lines.Add($"credit {key.Model} {key.CampaignId} {key.CreatorId} {key.ContentId} {F(sums.Conversions)} {F(sums.Revenue)}");
        }

        lines.AddRange(d.Attribution.KindCredits.Select(k => $"kind {k.Key} {F(k.Value.Conversions)} {F(k.Value.Revenue)} {F(k.Value.NewCustomers)} {F(k.Value.Qualified)} {F(k.Value.Won)}"
            + $" customers {F(k.Value.Acquired)} {F(k.Value.AcquiredRevenue)} {F(k.Value.Returning)} {F(k.Value.RepeatOwnRevenue)}"
            + $" repeat {F(k.Value.RepeatCustomers30)} {F(k.Value.RepeatCustomers90)} {F(k.Value.RepeatCustomers180)} {F(k.Value.RepeatRevenue30)} {F(k.Value.RepeatRevenue90)} {F(k.Value.RepeatRevenue180)}"));
        lines.AddRange(d.Attribution.Orders.Select(o => $"orders {o.Key} {o.Value.Count} {F(o.Value.Value)}"));
        lines.AddRange(d.Attribution.Assists.Select(a => $"assist {a.Key} {a.Value}"));
        lines.AddRange(d.Attribution.DataDrivenFallback.Select(f => $"fallback {f.Key} {f.Value}"));
        lines.Add($"unattributed {F(d.Attribution.Unattributed.Conversions)} {F(d.Attribution.Unattributed.Revenue)}");
        lines.AddRange(d.Alerts.Select(a => $"alert {a.Kind} {a.AlertId} {a.WindowStart} {a.WindowEnd} {a.Details?.ToJsonString()}"));
        lines.AddRange(d.FlaggedAccounts.Select(f => $"flagged {f.Key} {string.Join(';', f.Value.Select(a => a.ToString()))}"));
        lines.AddRange(result.ClosedWindows.Select(w => $"window {w.Key} {w.Counters.Impressions} {w.Counters.Engagements} {w.Counters.AuthenticEngagements} {w.Reach} {w.IsCorrection} {w.Watermark}"));
        lines.AddRange(result.DeadLetters.Select(l => $"dead {l.Reason} {l.Record.Offset}"));
        lines.AddRange(d.Content.Posts.Values.Select(p => $"post {Core.Content.ContentJson.Write(p)}"));
        lines.AddRange(d.Content.Flags.Values.Select(f => $"flag {Core.Content.ContentJson.Write(f)}"));
        lines.AddRange(d.Content.Deliverables.Values.Select(r => $"deliverable {Core.Content.ContentJson.Write(r)}"));
        lines.AddRange(d.Content.Commissions.Select(c => $"commissions {c.Key} {Core.Content.ContentJson.Write(c.Value with { UpdatedAt = null })}"));
        lines.Add($"events {d.Events} duplicates {d.Duplicates} watermark {d.Watermark}");
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var builder = new StringBuilder();
        foreach (var line in a.Except(b).Take(5))
        {
            builder.AppendLine($"- {line}");
        }

        foreach (var line in b.Except(a).Take(5))
        {
            builder.AppendLine($"+ {line}");
        }

        return builder.ToString();
    }
}
