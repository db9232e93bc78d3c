
namespace CreatorStream.Simulation.Tests;

/// <summary>
/// One 50 000-record run shared by the tests that inspect traffic shape (generated once, see <see cref="GeneratedSampleDefinition"/>).
/// 20 events/s stretches it over about 40 minutes of event time, so journeys finish, refunds arrive and every
/// kind of fake incident occurs; duplicate and malformed rates are raised to 1 % so their rates can be measured.
/// </summary>
public sealed class GeneratedSample
{
    public const long StartMs = 1_750_000_000_000; // 2025-06-15T15:06:40Z

    public GeneratedSample()
    {
        Generator = new TrafficGenerator(Options);
        Records = [.. Generator.Generate()];
    }

    public static GeneratorOptions Options { get; } = new()
    {
        StartMs = StartMs,
        MaxEvents = 50_000,
        EventsPerSecond = 20,
        DuplicateRate = 0.01,
        MalformedRate = 0.01,
    };

    public TrafficGenerator Generator { get; }

    public IReadOnlyList<GeneratedRecord> Records { get; }
}
