using System.Globalization;
using System.Text;

namespace CreatorStream.Testing;

/// <summary>
/// A Prometheus text exposition (format 0.0.4) parsed back, strictly: every sample line must be <c>name{labels} value</c>
/// with escaped label values, and every sample's family must have been declared by a TYPE line before it. Lets tests
/// check the format and the figures in one go.
/// </summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> _samples = [];

    public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Help { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples => _samples;

    public static PrometheusScrape Parse(string text)
    {
        var scrape = new PrometheusScrape();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ', 2);
                (line[2] == 'H' ? scrape.Help : scrape.Types)[parts[0]] = parts.Length > 1 ? parts[1] : "";
                continue;
            }

            scrape._samples.Add(ParseSample(line, scrape.Types));
        }

        return scrape;
    }

    /// <summary>The value of the one sample with exactly these labels (throws when there is none).</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        _samples.Single(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Value;

    /// <summary>The sum over every sample of <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    public bool Has(string name) => _samples.Any(s => s.Name == name);

    private static (string, IReadOnlyDictionary<string, string>, double) ParseSample(string line, Dictionary<string, string> types)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        var name = line[..i];
        if (!types.Any(t => name == t.Key || (t.Value == "histogram" && (name == t.Key + "_bucket" || name == t.Key + "_sum" || name == t.Key + "_count"))))
        {
            throw new FormatException($"sample '{name}' has no TYPE line before it");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var label = line[i..eq];
                if (line[eq + 1] != '"')
                {
                    throw new FormatException($"label value not quoted: {line}");
                }

                var value = new StringBuilder();
                var j = eq + 2;
                for (; line[j] != '"'; j++)
                {
                    if (line[j] == '\\')
                    {
                        j++;
                        value.Append(line[j] switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            var other => throw new FormatException($"bad escape \\{other} in {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[j]);
                    }
                }

                labels[label] = value.ToString();
                i = j + 1;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        if (line[i] != ' ')
        {
            throw new FormatException($"no space before the value: {line}");
        }

        var text = line[(i + 1)..];
        var number = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return (name, labels, number);
    }
}
