using CreatorStream.Core.Authenticity;

namespace CreatorStream.Testing.Measuring;

/// <summary>One threshold the tuner may move: its name, the values it tries, and how to read and set it. Immutable.</summary>
public sealed record Knob(string Name, IReadOnlyList<double> Values, Func<AuthenticityOptions, double> Get, Func<AuthenticityOptions, double, AuthenticityOptions> Set)
{
    /// <summary>
    /// The thresholds of the group signals (docs/decisions/0012), each with the values around its default that the tuner
    /// tries. The structure of the signals was designed, not searched; these are the numbers a search may move.
    /// </summary>
    public static IReadOnlyList<Knob> GroupSignals { get; } =
    [
        new("exposure_gap_share", [0.15, 0.25, 0.4], o => o.ExposureGapShare, (o, v) => o with { ExposureGapShare = v }),
        new("praise_wave_share", [0.35, 0.5, 0.65], o => o.PraiseWaveShare, (o, v) => o with { PraiseWaveShare = v }),
        new("praise_wave_view_share", [0.2, 0.3, 0.45], o => o.PraiseWaveViewShare, (o, v) => o with { PraiseWaveViewShare = v }),
        new("template_similarity", [0.6, 0.7, 0.8], o => o.TemplateSimilarity, (o, v) => o with { TemplateSimilarity = v }),
        new("return_min_share", [0.3, 0.4, 0.6], o => o.ReturnMinShare, (o, v) => o with { ReturnMinShare = v }),
        new("ring_min_coverage", [0.6, 0.75, 0.9], o => o.RingMinCoverage, (o, v) => o with { RingMinCoverage = v }),
        new("member_gap_ms", [90_000, 120_000, 180_000], o => o.MemberGapMs, (o, v) => o with { MemberGapMs = (long)v }),
    ];

    /// <summary>The options with each named value set (names not given keep their value in <paramref name="options"/>).</summary>
    public static AuthenticityOptions Apply(AuthenticityOptions options, IReadOnlyDictionary<string, double> values)
    {
        foreach (var knob in GroupSignals)
        {
            if (values.TryGetValue(knob.Name, out var value))
            {
                options = knob.Set(options, value);
            }
        }

        return options;
    }

    /// <summary>Each knob's value in <paramref name="options"/>.</summary>
    public static Dictionary<string, double> Read(AuthenticityOptions options) => GroupSignals.ToDictionary(k => k.Name, k => k.Get(options));
}
