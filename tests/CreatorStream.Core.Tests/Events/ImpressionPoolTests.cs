using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Events;

/// <summary>
/// Decoded impressions filled again once a brand task has observed them (docs/design.md, "Per-event cost"). Each test
/// has a pool of its own: the shared one serves every pipeline running in the test process.
/// </summary>
public sealed class ImpressionPoolTests
{
    private readonly ImpressionPool _pool = new();

    [Fact]
    public void Rent_EmptyPool_MakesAnImpressionOfThePool()
    {
        var first = _pool.Rent();
        var second = _pool.Rent();

        Assert.Same(_pool, first.Pool);
        Assert.NotSame(first, second);
        Assert.Equal(0, _pool.ChunksReused);
    }

    [Fact]
    public void Return_AFullChunk_IsRentedAgainOnAnotherThread()
    {
        var given = Enumerable.Range(0, ImpressionPool.ChunkSize).Select(_ => _pool.Rent()).ToList();
        given.ForEach(_pool.Return);

        var taken = OnAnotherThread(() => Enumerable.Range(0, ImpressionPool.ChunkSize).Select(_ => _pool.Rent()).ToList());

        Assert.Equal(given.ToHashSet(ReferenceEqualityComparer.Instance), taken.ToHashSet(ReferenceEqualityComparer.Instance));
        Assert.Equal(1, _pool.ChunksReused);
    }

    [Fact]
    public void Return_LessThanAChunk_StaysWithTheThreadThatGaveIt()
    {
        var given = Enumerable.Range(0, ImpressionPool.ChunkSize - 1).Select(_ => _pool.Rent()).ToList();
        given.ForEach(_pool.Return);

        var taken = OnAnotherThread(_pool.Rent);

        Assert.DoesNotContain(given, g => ReferenceEquals(g, taken));
        Assert.Equal(0, _pool.FullChunks);
    }

    [Fact]
    public void Return_ImpressionNotOfThePool_Throws()
    {
        Assert.Throws<ArgumentException>(() => _pool.Return(EventBuilder.Impression("u1", EventBuilder.T0)));
        Assert.Throws<ArgumentException>(() => _pool.Return(new ImpressionPool().Rent()));
    }

    [Fact]
    public void Return_Twice_Throws()
    {
        var impression = _pool.Rent();
        _pool.Return(impression);

        Assert.Throws<InvalidOperationException>(() => _pool.Return(impression));
    }

    [Fact]
    public void Return_MoreThanTheBound_KeepsAtMostMaxFullChunks()
    {
        var count = (ImpressionPool.MaxFullChunks + 3) * ImpressionPool.ChunkSize;
        var given = Enumerable.Range(0, count).Select(_ => _pool.Rent()).ToList();
        given.ForEach(_pool.Return);

        Assert.Equal(ImpressionPool.MaxFullChunks, _pool.FullChunks);
    }

    [Fact]
    public void Decode_IntoARecycledImpression_HoldsOnlyTheNewRecordsFields()
    {
        var decoder = new EventDecoder { Impressions = _pool };
        var full = EventBuilder.Impression("u1", EventBuilder.T0, creator: "ben", content: "post-9", platform: Platform.TikTok) with
        {
            IpHash = "ip-1",
            DeviceId = "d-1",
            UserAgentHash = "ua-1",
            Country = "DE",
            ContentFormat = ContentFormat.Story,
        };
        var given = Enumerable.Range(0, ImpressionPool.ChunkSize).Select(_ => (Impression)decoder.Decode(EventBuilder.Line(full)).Event!).ToList();
        Assert.All(given, g => Assert.Equal(EventBuilder.AsDecoded(full), g));
        given.ForEach(_pool.Return);
        var bare = EventBuilder.Impression("u2", EventBuilder.T0 + 1_000, id: "e-bare");

        var again = decoder.Decode(EventBuilder.Line(bare)).Event;

        Assert.Contains(given, g => ReferenceEquals(g, again)); // a recycled one
        Assert.Equal(EventBuilder.AsDecoded(bare), again); // no identifier, country, format or id of the last record it held
        var impression = Assert.IsType<Impression>(again);
        Assert.Equal((IdentifierKey.None, IdentifierKey.None, IdentifierKey.None, null), (impression.IpKey, impression.DeviceKey, impression.UserAgentKey, impression.Country));
        Assert.Equal(Core.Authenticity.KeyHash.Post("spring", "anna", "post-1"), impression.PostKey);
        Assert.Equal(Core.Sketches.UserHash.Of("u2"), impression.UserKey);
    }

    [Fact]
    public void Process_ImpressionsGoBackOnceObserved_NotWhileTheyWait()
    {
        var options = ProcessorOptions.Default with { IdleTimeout = null };
        var processor = new StreamProcessor(TestCampaigns.Spring(), options, new EventDecoder(options.Limits) { Impressions = _pool });
        var records = Enumerable.Range(0, ImpressionPool.ChunkSize + 10)
            .Select(i => EventBuilder.Record(EventBuilder.Impression($"u{i}", EventBuilder.T0), i))
            .ToArray();

        processor.Process(EventBuilder.Batch(EventBuilder.T0, records)); // the watermark has not passed them
        var whileWaiting = _pool.FullChunks;
        processor.Flush(EventBuilder.T0);

        Assert.Equal(0, whileWaiting);
        Assert.Equal(1, _pool.FullChunks); // 266 observed: one full chunk, and ten in the thread's own
    }

    [Fact]
    public void Process_GeneratedTrafficWithAndWithoutThePool_SameStateAfterEveryBatch()
    {
        // Generated traffic with every 40th record sent again a batch later (a repeated id: dropped, and given back):
        // the state after each batch, read as its snapshot's bytes, is the same whether impressions are filled again
        // or made anew, and they were filled again.
        var generator = new TrafficGenerator(new GeneratorOptions { StartMs = EventBuilder.T0, EventsPerSecond = 400, MaxEvents = 24_000, Seed = 11 });
        var records = generator.Generate().ToList();
        var batches = records
            .Select((r, i) => (Record: r, Batch: i / 2_000))
            .Concat(records.Where((_, i) => i % 40 == 0).Select((r, i) => (Record: r, Batch: (i * 40 / 2_000) + 1)))
            .GroupBy(x => x.Batch)
            .OrderBy(g => g.Key)
            .Select(g => g.Select((x, i) => new InboundRecord(new SourcePartition("t", 0), (g.Key * 10_000) + i, x.Record.Type, ReadOnlyMemory<byte>.Empty, x.Record.Value)).ToArray())
            .Select((batch, i) => new RecordBatch(batch, EventBuilder.T0 + (i * 1_000L)))
            .ToList();
        var options = ProcessorOptions.Default with { IdleTimeout = null };
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var pooled = new StreamProcessor(catalog, options, new EventDecoder(options.Limits) { Impressions = _pool });
        var anew = new StreamProcessor(catalog, options, new EventDecoder(options.Limits));

        foreach (var batch in batches)
        {
            var (a, b) = (pooled.Process(batch), anew.Process(batch));
            Assert.Equal((b.Delta.Events, b.Delta.Duplicates), (a.Delta.Events, a.Delta.Duplicates));
            Assert.True(pooled.Snapshot().SameBytes(anew.Snapshot()));
        }

        pooled.Flush(EventBuilder.T0);
        anew.Flush(EventBuilder.T0);
        Assert.True(pooled.Snapshot().SameBytes(anew.Snapshot()));
        Assert.InRange(_pool.ChunksReused, 10, long.MaxValue);
    }

    private static T OnAnotherThread<T>(Func<T> work)
    {
        var result = default(T);
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result!;
    }
}
