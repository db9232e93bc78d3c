using System.Globalization;

namespace CreatorStream.Host.Cli;

/// <summary>A verb's options as given on the command line, checked against the verb's <see cref="OptionSpec"/>s.</summary>
public sealed class ParsedArgs
{
    private readonly Dictionary<string, string?> _values;

    private ParsedArgs(Dictionary<string, string?> values) => _values = values;

    /// <summary>Parses <c>--name value</c> and <c>--flag</c> pairs; an option the verb does not declare is an error.</summary>
    public static ParsedArgs Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{arg}': options look like --name value");
            }

            var name = arg[2..];
            string? inline = null;
            if (name.IndexOf('=') is var equals and > 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            var spec = specs.FirstOrDefault(s => s.Name == name)
                ?? throw new UsageException($"unknown option --{name}; see --help");
            if (spec.IsFlag)
            {
                values[name] = inline ?? "true";
            }
            else if (inline is not null)
            {
                values[name] = inline;
            }
            else if (i + 1 < args.Count)
            {
                values[name] = args[++i];
            }
            else
            {
                throw new UsageException($"option --{name} needs a value ({spec.ValueName})");
            }
        }

        if (specs.FirstOrDefault(s => s.IsRequired && !values.ContainsKey(s.Name)) is { } missing)
        {
            throw new UsageException($"option --{missing.Name} is required ({missing.Description})");
        }

        foreach (var spec in specs.Where(s => s.Default is not null && !values.ContainsKey(s.Name)))
        {
            values[spec.Name] = spec.Default;
        }

        return new ParsedArgs(values);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public bool Flag(string name) => _values.TryGetValue(name, out var value) && value is "true" or "1" or "yes";

    public string? String(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) =>
        _values.GetValueOrDefault(name) is { Length: > 0 } value ? value : throw new UsageException($"option --{name} is required");

    /// <summary>The path given for <paramref name="name"/>, checked to name a file; null when the option is not given.</summary>
    public string? ExistingFile(string name) =>
        String(name) is not { } path ? null
        : File.Exists(path) ? path
        : throw new UsageException($"option --{name}: file '{path}' does not exist");

    /// <summary>The path given for <paramref name="name"/>, which must be given and name a file.</summary>
    public string RequiredFile(string name) => ExistingFile(name) ?? throw new UsageException($"option --{name} is required");

    /// <summary>
    /// A secret, never taken from the command line (the process list shows it): the trimmed content of the file named
    /// by <paramref name="fileOption"/>, else the environment variable <paramref name="variable"/>, else null.
    /// </summary>
    public string? Secret(string fileOption, string variable) =>
        ExistingFile(fileOption) is { } path ? File.ReadAllText(path).Trim()
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value
        : null;

    public long Long(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        var text = Required(name);
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"option --{name} must be a whole number between {min} and {max}, not '{text}'");
        }

        return value;
    }

    public int Int(string name, int min = int.MinValue, int max = int.MaxValue) => (int)Long(name, min, max);

    public double Double(string name, double min = double.MinValue, double max = double.MaxValue)
    {
        var text = Required(name);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
        {
            throw new UsageException($"option --{name} must be a number between {min} and {max}, not '{text}'");
        }

        return value;
    }
}
