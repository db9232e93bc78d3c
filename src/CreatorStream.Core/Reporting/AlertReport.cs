using System.Text.Json.Nodes;

namespace CreatorStream.Core.Reporting;

/// <summary>An alert as the report lists it: what kind, whom it names, which window, and kind-specific details.</summary>
public sealed record AlertReport
{
    public string Kind { get; init; } = "";
    /// <summary>The creator the alert names; null for an alert about the whole campaign (<c>goal_off_pace</c>).</summary>
    public string? CreatorId { get; init; } = "";
    public string? ContentId { get; init; }
    public long WindowStart { get; init; }
    public long WindowEnd { get; init; }
    public JsonObject Details { get; init; } = [];
}
