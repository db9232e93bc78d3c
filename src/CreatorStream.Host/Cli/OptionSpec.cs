namespace CreatorStream.Host.Cli;

/// <summary>
/// One command-line option of a verb: its name (without dashes), what it means, and its default. Immutable.
/// <see cref="Default"/> is a value filled in when the option is not given; <see cref="WhenUnset"/> says in words what
/// not giving it means when no value stands in (no file written, the system's CAs); <see cref="IsRequired"/> options
/// must be given. Help shows one of the three for every option that takes a value.
/// </summary>
public sealed record OptionSpec(
    string Name,
    string Description,
    string? Default = null,
    bool IsFlag = false,
    string ValueName = "VALUE",
    string? WhenUnset = null,
    bool IsRequired = false)
{
    public string Usage => IsFlag ? $"--{Name}" : $"--{Name} {ValueName}";

    /// <summary>The help text's note on the default: "required", the default value, or what leaving it out means.</summary>
    public string DefaultNote => IsRequired ? "required"
        : Default is not null ? $"default: {Default}"
        : WhenUnset is not null ? $"default: {WhenUnset}"
        : IsFlag ? "default: off"
        : "";
}
