using System.Text.Json.Nodes;
using CreatorStream.Core.Alerts;

namespace CreatorStream.Host.Web;

/// <summary>An alert as the hub and REST send it (snake_case on the wire); <c>creator_id</c> is null for an alert about the whole campaign.</summary>
public sealed record AlertView(
    string AlertId,
    string Kind,
    string CampaignId,
    string? CreatorId,
    string? ContentId,
    long WindowStart,
    long WindowEnd,
    long DetectedAt,
    JsonObject Details)
{
    public static AlertView Of(Alert alert) =>
        new(alert.AlertId, alert.Kind, alert.CampaignId, alert.CreatorId, alert.ContentId, alert.WindowStart, alert.WindowEnd, alert.DetectedAtMs, alert.Details);
}
