using CreatorStream.Core.Configuration;

namespace CreatorStream.Simulation;

/// <summary>
/// Seeded, deterministic synthetic campaign traffic with ground truth: the campaign configuration, then a lazy
/// stream of records (genuine traffic with a real funnel and viral surges, labelled fakes, duplicates, malformed
/// and late records). Pure: no I/O and no clock (<see cref="GeneratorOptions.StartMs"/> sets event time).
/// The same options give the same <see cref="Campaigns"/> and the same bytes on every enumeration. Memory stays
/// bounded however long the stream (only pending journeys, incidents and held-back late events are kept).
/// Immutable after construction; each enumeration of <see cref="Generate()"/> is independent, so concurrent
/// enumerations are safe.
/// </summary>
public sealed class TrafficGenerator
{
    private readonly SimulationWorld _world;

    public TrafficGenerator(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Options = options;
        _world = WorldBuilder.Build(options);
        if (options.PostReports)
        {
            PostReports.AddDeliverables(_world, options);
        }
    }

    public GeneratorOptions Options { get; }

    /// <summary>
    /// The configuration the generated events belong to: brands, campaigns with currency, goal, attribution and
    /// benchmarks, creators with names, promo codes, links and costs. It passes <see cref="CampaignCatalog.From"/>.
    /// The same instance every time: do not modify it.
    /// </summary>
    public CampaignCatalogDocument Campaigns => _world.Document;

    /// <summary>
    /// The records, lazily, in emission order (event-time order with jitter), ending after
    /// <see cref="GeneratorOptions.MaxEvents"/>. Each enumeration starts again from the seed.
    /// </summary>
    public IEnumerable<GeneratedRecord> Generate() => Generate(log: null);

    /// <summary>As <see cref="Generate()"/>, recording what it plants (surges) in <paramref name="log"/> as it goes.</summary>
    public IEnumerable<GeneratedRecord> Generate(SimulationLog? log)
    {
        var simulation = new TrafficSimulation(Options, _world, log);
        foreach (var record in simulation.Run())
        {
            yield return record;
        }
    }

    private static void Validate(GeneratorOptions o)
    {
        // Event times must decode: the decoder accepts 2000-01-01 to 2100-01-01 (DecoderLimits).
        Require(o.StartMs is >= 946_684_800_000 and < 4_000_000_000_000, nameof(o.StartMs), "must be between 2000 and 2096, in ms since the epoch");
        Require(o.EventsPerSecond is > 0 and <= 10_000_000, nameof(o.EventsPerSecond), "must be greater than 0");
        Require(o.MaxEvents >= 0, nameof(o.MaxEvents), "must not be negative");
        Require(o.Campaigns is >= 1 and <= 1_000, nameof(o.Campaigns), "must be between 1 and 1000");
        Require(o.Brands >= 1 && o.Brands <= o.Campaigns, nameof(o.Brands), "must be between 1 and the number of campaigns");
        Require(o.CreatorsPerCampaign is >= 1 and <= 1_000, nameof(o.CreatorsPerCampaign), "must be between 1 and 1000");
        Require(o.UsersPerCampaign is >= 10 and <= 100_000_000, nameof(o.UsersPerCampaign), "must be between 10 and 100 000 000");
        Require(o.DuplicateRate is >= 0 and < 1, nameof(o.DuplicateRate), "must be in [0, 1)");
        Require(o.MalformedRate is >= 0 and < 1, nameof(o.MalformedRate), "must be in [0, 1)");
        Require(o.LateRate is >= 0 and < 1, nameof(o.LateRate), "must be in [0, 1)");
        Require(o.DuplicateRate + o.MalformedRate + o.LateRate < 1, nameof(o.LateRate), "duplicate, malformed and late rates must add up to less than 1");
        Require(o.OutOfOrderMs is >= 0 and <= 3_600_000, nameof(o.OutOfOrderMs), "must be between 0 and one hour");
        Require(o.PostCycle is null || (o.PostCycle >= TimeSpan.FromMinutes(1) && o.PostCycle <= TimeSpan.FromDays(30)), nameof(o.PostCycle), "must be between one minute and 30 days");
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, problem);
        }
    }
}
