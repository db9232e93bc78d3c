using System.Globalization;
using System.Text;

namespace CreatorStream.Host.Operations;

/// <summary>The lexical rules of the Prometheus text exposition format 0.0.4: names, label values, HELP text, numbers.</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>A metric or label name: characters outside <c>[a-zA-Z0-9_:]</c> (label names: no colon) become <c>_</c>; no leading digit.</summary>
    public static string Name(string name, bool label = false)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (c == ':' && !label);
            builder.Append(valid ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>A label value inside double quotes: backslash, double quote and line feed escaped.</summary>
    public static string LabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>HELP text: backslash and line feed escaped (double quotes stay).</summary>
    public static string Help(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample value: Go's float syntax, with <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c> spelt as Prometheus expects.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
