using System.Reflection;
using System.Text;
using System.Text.Json;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;

namespace CreatorStream.Core.Tests.Streaming;

/// <summary>
/// A batch's aggregate and attribution deltas are lent by a pool and given back at commit (<see cref="DeltaParts"/>,
/// docs/design.md "Per-event cost"). What a reused part could get wrong is a figure carried from an earlier batch: so
/// every batch's delta is checked against the same processor's delta built on parts nobody used before.
/// </summary>
public sealed class DeltaReuseTests
{
    private static readonly JsonSerializerOptions Fields = new() { IncludeFields = true };

    [Fact]
    public void EveryBatch_OnPartsGivenBack_IsTheDeltaOfNewParts()
    {
        var generator = new TrafficGenerator(new GeneratorOptions { StartMs = 1_767_225_600_000, EventsPerSecond = 300, MaxEvents = 90_000, Seed = 11 });
        var records = generator.Generate()
            .Select((r, i) => new InboundRecord(new SourcePartition("t", 0), i, r.Type, ReadOnlyMemory<byte>.Empty, r.Value))
            .ToList();
        // Batches of uneven sizes, so a part that held a large batch is lent to a small one (where leftovers would show).
        var batches = new List<RecordBatch>();
        for (int at = 0, i = 0; at < records.Count; i++)
        {
            var size = Math.Min(records.Count - at, i % 3 == 0 ? 2_500 : 300);
            batches.Add(new RecordBatch(records.GetRange(at, size), 1_767_225_600_000 + (i * 1_000L)));
            at += size;
        }

        var catalog = CampaignCatalog.From(generator.Campaigns);
        var options = ProcessorOptions.Default with { IdleTimeout = null };
        var reusing = new StreamProcessor(catalog, options, new EventDecoder(options.Limits));
        var fresh = new StreamProcessor(catalog, options, new EventDecoder(options.Limits));
        var (withCredits, withReach, shrinking, last, onLentParts) = (0, 0, 0, 0, 0);
        foreach (var batch in batches)
        {
            var reused = reusing.Process(batch).Delta;
            var expected = OnNewParts(() => fresh.Process(batch).Delta);
            var described = Describe(reused);
            Assert.Equal(Describe(expected), described);
            Assert.Equal(1, expected.PartsLent);
            onLentParts += reused.PartsLent > 1 ? 1 : 0;
            reused.Committed();

            withCredits += expected.Attribution.CountryCredits.Count > 0 && expected.Attribution.Credits.Count > 0 ? 1 : 0;
            withReach += expected.Aggregates.Values.Any(a => a.UserHashes.Count > 0) ? 1 : 0;
            shrinking += expected.Aggregates.Count < last ? 1 : 0;
            last = expected.Aggregates.Count;
        }

        // Not vacuous: parts lent again, credit by post and country, reach hashes, and batches smaller than the one before,
        // many times over (other tests borrow from the same pool meanwhile, so not every batch gets this one's parts back).
        Assert.True(onLentParts >= 10, $"{onLentParts} batches on parts lent before");
        Assert.True(withCredits >= 10, $"{withCredits} batches with credit");
        Assert.True(withReach >= 10, $"{withReach} batches with reach hashes");
        Assert.True(shrinking >= 10, $"{shrinking} batches smaller than the one before");
    }

    [Fact]
    public void ACommittedDelta_KeepsItsOffsetsAndCounts_AndRefusesItsFigures()
    {
        var delta = new StateDelta { WallClockMs = 5 };
        delta.For(AggregateKey.Campaign("spring")).Counters.Impressions = 3;
        delta.Attribution.Credit(new CreditKey("spring", "anna", "post-1", "linear"), 1, 30);
        delta.NextOffsets[new SourcePartition("t", 0)] = 42;
        delta.Events = 3;

        delta.Committed();
        delta.Committed(); // twice: the second does nothing

        Assert.Equal((42L, 3L, 5L), (delta.NextOffsets[new SourcePartition("t", 0)], delta.Events, delta.WallClockMs));
        Assert.Contains("committed", Assert.Throws<InvalidOperationException>(() => delta.Aggregates).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => delta.Attribution);
        Assert.Throws<InvalidOperationException>(() => delta.For(AggregateKey.Campaign("spring")));
    }

    [Fact]
    public void PartsGivenBack_AreEmpty_AndKeepTheirAggregateDeltas()
    {
        var parts = new DeltaParts();
        for (var i = 0; i < 100; i++)
        {
            var delta = parts.NewAggregate();
            delta.Counters.Impressions = i + 1;
            delta.Counters.Clicks = 2;
            delta.UserHashes.Add((ulong)i);
            delta.Touch(1_000 + i);
            delta.Format = ContentFormat.Reel;
            parts.Aggregates.Add(AggregateKey.Creator("spring", "c" + i), delta);
        }

        var attribution = parts.Attribution;
        attribution.Credit(new CreditKey("spring", "anna", "post-1", "linear"), 1, 30);
        attribution.CreditKind(new KindCreditKey("spring", "anna", ConversionKind.Purchase, "linear"), 1, 30, 1);
        attribution.CountOrder(new OrderKey("spring", "anna", ConversionKind.Purchase), 1, 30);
        attribution.CreditCountry(new CountryCreditKey("spring", "post-1", "US", "linear"), 1, 30);
        attribution.Reach(new PostCountryKey("spring", "anna", "post-1", Platform.Instagram, "US"), 4, 1);
        attribution.Assist(new CreatorRef("spring", "ben"), 1);
        attribution.Unattributed.Add(1, 9);
        attribution.DataDrivenFallback["spring"] = true;
        FillEveryDictionary(attribution); // a dictionary added later, and forgotten in Clear, fails below

        Assert.True(parts.Empty()); // emptied as Return does, but kept out of the pool other tests borrow from

        Assert.Empty(parts.Aggregates);
        Assert.Equal(100, parts.Spares);
        AssertAsNew(attribution, new AttributionDelta());
        for (var i = 0; i < 100; i++)
        {
            AssertAsNew(parts.NewAggregate(), new AggregateDelta());
        }

        Assert.Equal(0, parts.Spares);
    }

    [Fact]
    public void PartsThatGrewPastTheLimit_AreNotKept()
    {
        var parts = new DeltaParts();
        for (var i = 0; i <= DeltaParts.MaxKeptEntries; i++)
        {
            var delta = parts.NewAggregate();
            delta.UserHashes.Add((ulong)i);
            parts.Aggregates.Add(AggregateKey.Creator("spring", "c" + i), delta);
        }

        var first = parts.Aggregates.Values.First();

        Assert.False(parts.Empty()); // not to be lent again
        Assert.Equal(0, parts.Spares); // left whole to the collector, not emptied into the spares
        Assert.Equal(DeltaParts.MaxKeptEntries + 1, parts.Aggregates.Count);
        Assert.Equal(0, first.UserHashes.Capacity); // its pooled arrays went back all the same
    }

    [Fact]
    public void PartsKeep_AtMostTheirSpares()
    {
        var parts = new DeltaParts();
        for (var i = 0; i < DeltaParts.MaxSpares + 10; i++)
        {
            parts.Aggregates.Add(AggregateKey.Creator("spring", "c" + i), parts.NewAggregate());
        }

        Assert.True(parts.Empty());

        Assert.Empty(parts.Aggregates);
        Assert.Equal(DeltaParts.MaxSpares, parts.Spares);
    }

    private static StateDelta OnNewParts(Func<StateDelta> build)
    {
        DeltaParts.LendsNewOnThisThread = true;
        try
        {
            var delta = build();
            _ = delta.Aggregates; // borrowed now, if the batch wrote none
            return delta;
        }
        finally
        {
            DeltaParts.LendsNewOnThisThread = false;
        }
    }

    /// <summary>Every figure of a delta's aggregates and attribution, keys in order.</summary>
    private static string Describe(StateDelta delta)
    {
        var lines = new List<string>();
        foreach (var (key, change) in delta.Aggregates)
        {
            lines.Add($"A {key} {JsonSerializer.Serialize(change.Counters, Fields)} [{string.Join(',', change.UserHashes.AsSpan().ToArray())}] {change.FirstEventTs} {change.LastEventTs} {change.Format}");
        }

        var attribution = delta.Attribution;
        Add(lines, "C", attribution.Credits);
        Add(lines, "K", attribution.KindCredits);
        Add(lines, "O", attribution.Orders);
        Add(lines, "Y", attribution.CountryCredits);
        Add(lines, "R", attribution.CountryReach);
        Add(lines, "S", attribution.Assists);
        Add(lines, "D", attribution.DataDrivenFallback);
        lines.Sort(StringComparer.Ordinal);
        return new StringBuilder().AppendJoin('\n', lines).Append("\nU ").Append(JsonSerializer.Serialize(attribution.Unattributed, Fields)).ToString();
    }

    private static void Add<TKey, TValue>(List<string> lines, string tag, Dictionary<TKey, TValue> entries)
        where TKey : notnull
    {
        foreach (var (key, value) in entries)
        {
            lines.Add($"{tag} {key} {JsonSerializer.Serialize(value, Fields)}");
        }
    }

    private static void FillEveryDictionary(object owner)
    {
        foreach (var property in owner.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = property.PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                var keyType = type.GetGenericArguments()[0];
                var key = keyType == typeof(string) ? "planted" : Activator.CreateInstance(keyType);
                var value = type.GetGenericArguments()[1] is { IsValueType: true } valueType ? Activator.CreateInstance(valueType) : null;
                type.GetMethod("TryAdd")!.Invoke(property.GetValue(owner), [key, value]);
            }
        }
    }

    /// <summary>Every field as a new instance's: dictionaries and lists empty, values equal.</summary>
    private static void AssertAsNew(object used, object fresh)
    {
        foreach (var field in used.GetType().GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            var (value, expected) = (field.GetValue(used), field.GetValue(fresh));
            switch (value)
            {
                case System.Collections.ICollection collection:
                    Assert.True(collection.Count == 0, $"{field.Name} still holds {collection.Count}");
                    break;
                case UserHashList hashes:
                    Assert.True(hashes.Count == 0, $"{field.Name} still holds {hashes.Count} hashes");
                    break;
                default:
                    Assert.True(Equals(value, expected), $"{field.Name}: {value} where a new one has {expected}");
                    break;
            }
        }
    }
}
