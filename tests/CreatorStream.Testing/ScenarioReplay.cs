using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;

namespace CreatorStream.Testing;

/// <summary>A hand-made scenario's events replayed as a file holding them in this order would be (docs/design.md, "Replay report").</summary>
public static class ScenarioReplay
{
    /// <summary>Replays <paramref name="events"/> into <paramref name="store"/> (a fresh memory store when null) and returns the report.</summary>
    public static async Task<ReplayReport> RunAsync(CampaignCatalog catalog, IEnumerable<StreamEvent> events, IStateStore? store = null)
    {
        using var file = new MemoryStream();
        foreach (var e in events)
        {
            file.Write(EventBuilder.Line(e));
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        var outcome = await new Replayer(catalog, ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None, store ?? new InMemoryStateStore());
        return outcome.Report;
    }
}
