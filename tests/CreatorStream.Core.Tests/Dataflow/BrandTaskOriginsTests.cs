using System.Globalization;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// A brand task's bookkeeping of where its records came from (docs/design.md, "Dataflow"): a record whose origin offset
/// was applied already is a repeat and is dropped, and each batch reports the last offset it applied from each source.
/// The task keeps a run's offsets in a local and writes its tables once a run; the oracle is the rule applied record by
/// record with a dictionary, over runs of several sources interleaved at random, repeats and marks among them. And it
/// finds a brand's processor by the last campaign seen; the oracle there is one task per brand.
/// </summary>
public sealed class BrandTaskOriginsTests
{
    private const long StartMs = 1_767_225_600_000;

    private static readonly SourcePartition[] Sources = [new("t", 0), new("t", 1), new("u", 0)];

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Process_InterleavedSourcesWithRepeats_DropsAndReportsAsTheRecordByRecordRule(int seed, bool dropsRepeats)
    {
        var (catalog, routed) = Routed(seed, brands: 1);
        var random = new Random(seed);
        var stream = Interleave(routed, random);
        var task = Task(catalog, dropsRepeats);

        var applied = new Dictionary<SourcePartition, long>(); // the oracle: the rule, record by record
        long repeats = 0;
        long duplicates = 0;
        var batches = 0;
        for (var at = 0; at < stream.Count; batches++)
        {
            var batch = stream.GetRange(at, Math.Min(random.Next(1, 400), stream.Count - at));
            at += batch.Count;
            var origins = new List<KeyValuePair<SourcePartition, long>>();
            var taken = 0;
            foreach (var input in batch.Where(i => i.Mark is null))
            {
                var source = input.Record.Source;
                if (dropsRepeats && applied.TryGetValue(source, out var last) && input.Record.Offset <= last)
                {
                    repeats++;
                    continue;
                }

                applied[source] = input.Record.Offset;
                var index = origins.FindIndex(o => o.Key == source);
                if (index < 0)
                {
                    origins.Add(new(source, input.Record.Offset));
                }
                else
                {
                    origins[index] = new(source, input.Record.Offset);
                }

                taken++;
            }

            var result = new BatchResult(StartMs);
            task.Process(batch, result);
            duplicates += result.Delta.Duplicates;

            Assert.Equal(origins, result.Delta.HasAppliedOrigins ? [.. result.Delta.AppliedOrigins] : []);
            Assert.Equal(dropsRepeats ? [.. applied] : [], task.AppliedOffsets.ToList()); // what a snapshot writes, in its order
            // Every record taken is counted, a duplicate event, or a dead letter when released (it uncounts itself then).
            Assert.Equal(taken, result.Delta.Events + result.Delta.Duplicates + result.DeadLetters.Count);
        }

        Assert.Equal(repeats, task.Repeats);
        Assert.True(batches > 10);
        if (dropsRepeats)
        {
            Assert.True(repeats > 100, $"{repeats} repeats: the stream should hold many");

            // Every record sent before is a repeat now, and each source's next offset is not: the table holds the highest.
            var again = new BatchResult(StartMs);
            task.Process(stream.Where(i => i.Mark is null).ToList(), again);
            Assert.Equal(repeats + stream.Count(i => i.Mark is null), task.Repeats);
            Assert.Equal(0, again.Delta.Events + again.Delta.Duplicates);
            Assert.False(again.Delta.HasAppliedOrigins && again.Delta.AppliedOrigins.Count > 0);
        }
        else
        {
            Assert.Equal(0, task.Repeats);
            Assert.True(duplicates > 100, $"{duplicates} duplicates: records sent again reach deduplication when repeats are not dropped");
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Process_TwoBrandsInterleaved_CountAsOneTaskPerBrand(int seed)
    {
        var (catalog, routed) = Routed(seed, brands: 2);
        var router = new BrandRouter(catalog, partitions: 1);
        var stream = Interleave(routed, new Random(seed)); // a repeat of one brand's record is a repeat in that brand's own task too
        var decoder = new EventDecoder();
        var brandsInTurn = stream.Where(i => i.Mark is null).Select(i => router.BrandOf(EventOf(i, decoder))).ToList();
        Assert.True(brandsInTurn.Zip(brandsInTurn.Skip(1)).Count(p => p.First != p.Second) > 200, "the brands should take turns often");
        var both = Task(catalog, dropsRepeats: true);
        var brandIds = catalog.Campaigns.Select(c => c.BrandId).Distinct().Order(StringComparer.Ordinal).ToList();
        var alone = brandIds.ToDictionary(b => b, _ => Task(catalog, dropsRepeats: true));

        var expected = new List<string>();
        var actual = new List<string>();
        foreach (var batch in stream.Chunk(300).Select(c => c.ToList()))
        {
            actual.AddRange(Figures(both, batch));
            foreach (var (brand, task) in alone)
            {
                // Each brand's own task sees its events and every mark: event time moves as in the shared task.
                expected.AddRange(Figures(task, [.. batch.Where(i => i.Mark is not null || router.BrandOf(EventOf(i, decoder)) == brand)]));
            }
        }

        var flush = new BatchResult(StartMs);
        both.Flush(flush);
        actual.AddRange(Lines(flush));
        foreach (var task in alone.Values)
        {
            var own = new BatchResult(StartMs);
            task.Flush(own);
            expected.AddRange(Lines(own));
        }

        Assert.Equal(2, brandIds.Count);
        Assert.Equal(brandIds, both.Brands.Select(b => b.BrandId).Order(StringComparer.Ordinal));
        Assert.Contains(expected, l => l.StartsWith("credit ", StringComparison.Ordinal)); // journeys met their conversions
        Assert.Equal(Sum(expected), Sum(actual));
    }

    private static Core.Events.StreamEvent EventOf(BrandInput input, EventDecoder decoder) =>
        input.Decoded ?? (input.Packed ? PackedAudienceEvent.Read(input.Record.Value.Span, input.Record.TypeHint!.Value, decoder) : decoder.Decode(input.Record.Value.Span, input.Record.TypeHint).Event!);

    private static IEnumerable<string> Figures(BrandTask task, List<BrandInput> batch)
    {
        var result = new BatchResult(StartMs);
        task.Process(batch, result);
        return Lines(result);
    }

    /// <summary>A batch's to-date figures and credit, one line a fact.</summary>
    private static IEnumerable<string> Lines(BatchResult result)
    {
        var d = result.Delta;
        foreach (var (key, change) in d.Aggregates.Where(a => a.Key.IsToDate))
        {
            var c = change.Counters;
            yield return $"agg {key} {c.Impressions} {c.Likes} {c.Comments} {c.Shares} {c.Clicks} {c.AuthenticEngagements} {c.Conversions}";
        }

        foreach (var (key, sums) in d.Attribution.Credits)
        {
            yield return $"credit {key.Model} {key.CampaignId} {key.CreatorId} {key.ContentId} {sums.Conversions.ToString("R", CultureInfo.InvariantCulture)} {sums.Revenue.ToString("R", CultureInfo.InvariantCulture)}";
        }

        yield return $"events {d.Events} duplicates {d.Duplicates}";
    }

    /// <summary>The lines as a multiset, each with how often it came: batches may split a brand's facts differently.</summary>
    private static List<string> Sum(IEnumerable<string> lines) =>
        [.. lines.Where(l => !l.StartsWith("events ", StringComparison.Ordinal)).GroupBy(l => l).Select(g => $"{g.Count()} x {g.Key}").Order(StringComparer.Ordinal),
            $"events {Total(lines, 1)} duplicates {Total(lines, 3)}"];

    private static long Total(IEnumerable<string> lines, int field) =>
        lines.Where(l => l.StartsWith("events ", StringComparison.Ordinal)).Sum(l => long.Parse(l.Split(' ')[field], CultureInfo.InvariantCulture));

    /// <summary>
    /// Generated traffic dealt to three source partitions, each routed by its own source task, in offset order, as the
    /// brand topic's envelopes carry it (audience events packed): the brand task decodes each with its own decoder.
    /// </summary>
    private static (CampaignCatalog Catalog, List<BrandInput>[] Routed) Routed(int seed, int brands)
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = seed, StartMs = StartMs, MaxEvents = 6_000, EventsPerSecond = 30, Brands = brands });
        var records = generator.Generate().ToList();
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var router = new BrandRouter(catalog, partitions: 1);
        var options = ProcessorOptions.Default with { IdleTimeout = null };
        var tasks = Sources.Select(s => new SourceTask(s, catalog, router, options, new EventDecoder(), 0)).ToArray();
        var routed = Sources.Select(_ => new List<BrandInput>()).ToArray();
        var offsets = new long[Sources.Length];
        foreach (var (record, i) in records.Select((r, i) => (r, i)))
        {
            var s = i % Sources.Length;
            var output = new SourceOutput(1, 0);
            tasks[s].Route(new InboundRecord(Sources[s], offsets[s]++, record.Type, ReadOnlyMemory<byte>.Empty, record.Value), 0, output);
            routed[s].AddRange(output.ByPartition[0].Select(i => BrandEnvelope.Decode(BrandEnvelope.Encode(i))));
            if (offsets[s] % 250 == 0)
            {
                routed[s].Add(BrandEnvelope.Decode(BrandEnvelope.Encode(BrandInput.Of(tasks[s].Mark(offsets[s], 0)))));
            }
        }

        return (catalog, routed);
    }

    /// <summary>
    /// The sources' inputs in runs of 1 to 60 from one source at a time, at random; now and then a run is sent again in
    /// part (a source task that re-ran a batch), or one earlier record of the source is.
    /// </summary>
    private static List<BrandInput> Interleave(List<BrandInput>[] routed, Random random)
    {
        var stream = new List<BrandInput>();
        var next = new int[routed.Length];
        while (next.Select((n, s) => n < routed[s].Count).Any(open => open))
        {
            var s = random.Next(routed.Length);
            if (next[s] >= routed[s].Count)
            {
                continue;
            }

            var run = Math.Min(random.Next(1, 61), routed[s].Count - next[s]);
            stream.AddRange(routed[s].GetRange(next[s], run));
            next[s] += run;
            var roll = random.NextDouble();
            if (roll < 0.15)
            {
                var back = random.Next(1, run + 1);
                stream.AddRange(routed[s].GetRange(next[s] - back, back)); // the tail of the run again, marks included
            }
            else if (roll < 0.25 && routed[s].Take(next[s]).Where(i => i.Mark is null).ToList() is { Count: > 0 } sent)
            {
                stream.Add(sent[random.Next(sent.Count)]);
            }
        }

        return stream;
    }

    private static BrandTask Task(CampaignCatalog catalog, bool dropsRepeats)
    {
        var options = ProcessorOptions.Default with { IdleTimeout = null, FlagsInterval = TimeSpan.Zero };
        var task = new BrandTask(0, catalog, new BrandRouter(catalog, 1), options, () => new AuthenticityClassifier(options.Authenticity), new EventDecoder()) { DropsRepeats = dropsRepeats };
        foreach (var source in Sources)
        {
            task.Upstream.Expect(source);
        }

        return task;
    }
}
