namespace CreatorStream.Host.Web;

/// <summary>A table of one campaign (creators or content) over one window under one attribution model, as REST returns it. Immutable.</summary>
public sealed record TableView<TRow>(string CampaignId, string Window, string Model, string Currency, long GeneratedAt, IReadOnlyList<TRow> Rows);
