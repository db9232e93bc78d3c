using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Simulation;

namespace CreatorStream.Testing.Fuzz;

/// <summary>
/// Seeded fuzz input (issue 9): makes <see cref="FuzzOptions.BadRecords"/> malformed records from valid generated events,
/// every kind of <see cref="FuzzKind"/> that applies to the target in turn, each labelled with the dead-letter reason it
/// must get, and deals them among the valid records at random places, the valid ones keeping their order. Deterministic.
/// </summary>
public sealed class FuzzRecordGenerator(FuzzOptions options)
{
    /// <summary>The kinds made for the target: a missing <c>type</c> is valid on a topic; a skewed clock and a wrong topic are topics' only.</summary>
    public IReadOnlyList<FuzzKind> Kinds { get; } =
    [
        .. Enum.GetValues<FuzzKind>().Where(kind => kind switch
        {
            FuzzKind.MissingType => options.Target == FuzzTarget.JsonLines,
            FuzzKind.TopicMismatch => options.Target == FuzzTarget.Topics,
            FuzzKind.FutureSkew => options.Target == FuzzTarget.Topics && options.WallClockMs is not null && options.MaxFutureSkew is not null,
            _ => true,
        }),
    ];

    /// <summary><paramref name="valid"/> (generated with no malformed records) with the bad ones dealt among them.</summary>
    public IReadOnlyList<FuzzRecord> Mix(IReadOnlyList<GeneratedRecord> valid)
    {
        var rng = new Random(options.Seed);
        var mutations = new FuzzMutations(options, rng);
        var events = valid.Where(r => r.Event is not null).Select(r => r.Event!).ToList();
        var bad = new List<FuzzRecord>(options.BadRecords);
        for (var i = 0; i < options.BadRecords; i++)
        {
            var kind = Kinds[i % Kinds.Count];
            var template = events[rng.Next(events.Count)];
            while (kind == FuzzKind.UnknownCreator && template is not AudienceEvent)
            {
                template = events[rng.Next(events.Count)];
            }

            // A fresh id: were a bad record accepted, it could not pass as a duplicate of a valid one.
            bad.Add(mutations.Make(kind, template with { EventId = $"fuzz-{i}" }));
        }

        var mixed = new List<FuzzRecord>(valid.Count + bad.Count);
        var (v, b) = (0, 0);
        while (v < valid.Count || b < bad.Count)
        {
            // Each slot is bad with the share of bad records still to place: an even spread, in random places.
            if (b < bad.Count && rng.Next(valid.Count - v + bad.Count - b) < bad.Count - b)
            {
                mixed.Add(bad[b++]);
            }
            else
            {
                var record = valid[v++];
                mixed.Add(new FuzzRecord(record.Type ?? EventType.Impression, Encoding.UTF8.GetBytes(record.Key), record.Value, null, null));
            }
        }

        return mixed;
    }
}
