using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;
using CreatorStream.Core.Simulation;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// Scores an <see cref="AuthenticityClassifier"/> against the generator's ground truth: every on-time record's event
/// in emission order, <c>Advance</c> every 1 000 events with the watermark 5 s behind the newest event time.
/// Only engagements and clicks are scored (impressions are always authentic). Mutable; one per run.
/// </summary>
internal sealed class Measurement
{
    public const long StartMs = 1_767_225_600_000;

    public Dictionary<string, (int All, int Flagged)> ByLabel { get; } = [];

    public Dictionary<string, int> Combos { get; } = [];

    public int GenuineAll { get; private set; }

    public int GenuineFlagged { get; private set; }

    public List<Alert> Alerts { get; } = [];

    public long MaxStateSize { get; private set; }

    public AuthenticityClassifier Classifier { get; private set; } = null!;

    public double Precision
    {
        get
        {
            var fakeFlagged = ByLabel.Values.Sum(v => v.Flagged);
            return (double)fakeFlagged / Math.Max(1, fakeFlagged + GenuineFlagged);
        }
    }

    public double GenuineFpr => (double)GenuineFlagged / Math.Max(1, GenuineAll);

    public double Recall(string label) => ByLabel.TryGetValue(label, out var v) ? (double)v.Flagged / Math.Max(1, v.All) : double.NaN;

    public static Measurement Run(int seed, long maxEvents = 150_000, AuthenticityOptions? options = null)
    {
        var m = new Measurement { Classifier = new AuthenticityClassifier(options ?? AuthenticityOptions.Default) };
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = seed, StartMs = StartMs, EventsPerSecond = 100, MaxEvents = maxEvents });
        var maxTs = long.MinValue;
        var fed = 0;
        foreach (var record in generator.Generate())
        {
            if (record.Kind is RecordKind.Malformed or RecordKind.Duplicate || record.Event is not AudienceEvent e)
            {
                continue;
            }

            maxTs = Math.Max(maxTs, e.Ts);
            var verdict = m.Classifier.Classify(e);
            if (e is not Impression)
            {
                m.Score(record.FakeLabel, !verdict.IsAuthentic);
                if (!verdict.IsAuthentic)
                {
                    var k = (record.FakeLabel ?? "genuine") + ":" + string.Join("+", verdict.Reasons);
                    m.Combos[k] = m.Combos.GetValueOrDefault(k) + 1;
                }
            }

            if (++fed % 1_000 == 0)
            {
                m.Classifier.Advance(maxTs - 5_000, fed, m.Alerts);
                m.MaxStateSize = Math.Max(m.MaxStateSize, m.Classifier.StateSize);
            }
        }

        m.Classifier.Advance(maxTs - 5_000, fed, m.Alerts);
        return m;
    }

    public string Table(int seed)
    {
        var lines = new List<string> { $"seed {seed}: label          events  flagged  recall" };
        foreach (var label in FakeLabels.All)
        {
            ByLabel.TryGetValue(label, out var v);
            lines.Add($"  {label,-20} {v.All,8} {v.Flagged,8}  {Recall(label),6:P1}");
        }

        lines.Add($"  {"genuine",-20} {GenuineAll,8} {GenuineFlagged,8}  FPR {GenuineFpr:P2}");
        lines.Add($"  precision {Precision:P2}; alerts {Alerts.Select(a => a.AlertId).Distinct().Count()} incidents ({Alerts.Count} sends); max state {MaxStateSize}");
        return string.Join(Environment.NewLine, lines);
    }

    private void Score(string? label, bool flagged)
    {
        if (label is null)
        {
            GenuineAll++;
            GenuineFlagged += flagged ? 1 : 0;
            return;
        }

        ByLabel.TryGetValue(label, out var v);
        ByLabel[label] = (v.All + 1, v.Flagged + (flagged ? 1 : 0));
    }
}
