using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Cli;

/// <summary>
/// The campaign file a verb's <c>--campaigns</c> option names, read here at the edge (Core only parses and validates
/// text, STYLE.md habit 2). A missing file is a configuration error naming the option, before anything starts.
/// </summary>
public static class CampaignFile
{
    public const string Option = "campaigns";

    public static CampaignCatalog Load(ParsedArgs args)
    {
        var path = args.Required(Option);
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"--{Option}", $"file '{path}' does not exist");
        }

        return CampaignCatalog.Parse(File.ReadAllText(path));
    }
}
