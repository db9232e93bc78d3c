namespace CreatorStream.Host.Cli;

/// <summary>One command-line option of a verb: its name (without dashes), what it means, and its default.</summary>
public sealed record OptionSpec(string Name, string Description, string? Default = null, bool IsFlag = false, string ValueName = "VALUE")
{
    public string Usage => IsFlag ? $"--{Name}" : $"--{Name} {ValueName}";
}
