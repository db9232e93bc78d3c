using System.Text.Json.Nodes;

namespace CreatorStream.Core.Alerts;

/// <summary>
/// Something a campaign manager should look at now: what kind, whom and which window it names, and kind-specific
/// details (for a spike: observed, expected, how unusual). <see cref="AlertId"/> is deterministic, so an alert
/// re-published after a crash is recognisably the same one. Immutable by convention: <see cref="Details"/> is not
/// modified after the alert is created.
/// </summary>
public sealed record Alert
{
    public required string AlertId { get; init; }
    public required string Kind { get; init; }
    public required string CampaignId { get; init; }
    public required string CreatorId { get; init; }
    public string? ContentId { get; init; }
    public required long WindowStart { get; init; }
    public required long WindowEnd { get; init; }

    /// <summary>Wall-clock time (ms) the alert was raised.</summary>
    public required long DetectedAtMs { get; init; }

    public required JsonObject Details { get; init; }
}
