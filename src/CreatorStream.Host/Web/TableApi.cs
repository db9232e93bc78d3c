using System.Text.RegularExpressions;
using CreatorStream.Core.Attribution;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Host.Export;

namespace CreatorStream.Host.Web;

/// <summary>
/// The creator leaderboard, the content table and their exports (docs/design.md, "Serving"):
/// <c>/api/campaigns/{id}/creators</c>, <c>/content</c> and <c>/export?table=creators|content&amp;format=csv|arrow</c>,
/// each with <c>window</c> (default <c>campaign</c>) and <c>model</c> (default the campaign's reporting model).
/// Keys are checked first (401/403/404, <see cref="CampaignRoutes"/>), then the query (400 with the allowed values).
/// </summary>
public static partial class TableApi
{
    public static IEndpointRouteBuilder MapTableApi(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapCampaignGroup();
        campaigns.MapGet("/creators", async (string? window, string? model, string? platform, HttpContext context, CampaignTables tables) =>
        {
            var query = Resolve(context, window, model);
            return query.Error ?? Results.Json(await tables.CreatorsAsync(query.Campaign!, query.Window, query.Model, context.RequestAborted, platform));
        });

        campaigns.MapGet("/content", async (string? window, string? model, string? platform, string? q, HttpContext context, CampaignTables tables) =>
        {
            var query = Resolve(context, window, model);
            return query.Error ?? Results.Json(await tables.ContentAsync(query.Campaign!, query.Window, query.Model, context.RequestAborted, platform, q));
        });

        // What the table on screen shows (window, model, platform, and for posts the search words), and the name says so.
        campaigns.MapGet("/export", async (string? table, string? format, string? window, string? model, string? platform, string? q, HttpContext context, CampaignTables tables) =>
        {
            var query = Resolve(context, window, model);
            if (query.Error is not null)
            {
                return query.Error;
            }

            table ??= "creators";
            format ??= "csv";
            if (table is not ("creators" or "content"))
            {
                return ApiError.Result(400, "table must be one of creators, content");
            }

            if (format is not ("csv" or "arrow"))
            {
                return ApiError.Result(400, "format must be one of csv, arrow");
            }

            var campaign = query.Campaign!;
            var export = table == "creators"
                ? ExportTable.From((await tables.CreatorsAsync(campaign, query.Window, query.Model, context.RequestAborted, platform)).Rows, TableColumns.Creators)
                : ExportTable.From((await tables.ContentAsync(campaign, query.Window, query.Model, context.RequestAborted, platform, q)).Rows, TableColumns.Content);
            var extension = format == "csv" ? "csv" : "arrows"; // .arrows: the extension Arrow's docs give the stream format
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(campaign.CampaignId, table, query.Window.Name, query.Model, platform, table == "content" && !string.IsNullOrWhiteSpace(q))}.{extension}\"";
            return format == "csv"
                ? Results.Bytes(CsvWriter.ToUtf8(export), CsvWriter.ContentType)
                : Results.Bytes(ArrowStreamWriter.ToBytes(export), ArrowStreamWriter.ContentType);
        });

        return app;
    }

    private static TableQuery Resolve(HttpContext context, string? window, string? model)
    {
        var campaign = context.AllowedCampaign();
        if (!StateWindow.TryParse(window, out var stateWindow))
        {
            return new TableQuery(null, default, "", ApiError.Result(400, $"window must be one of {string.Join(", ", StateWindow.All.Select(w => w.Name))}"));
        }

        var chosen = model ?? campaign.Attribution.ReportingModel;
        return AttributionModels.All.Contains(chosen)
            ? new TableQuery(campaign, stateWindow, chosen, null)
            : new TableQuery(null, default, "", ApiError.Result(400, $"model must be one of {string.Join(", ", AttributionModels.All)}"));
    }

    /// <summary>
    /// "spring-creators-campaign-first_touch", then "-instagram" for one platform and "-filtered" when search words
    /// narrowed the rows: the file says which window, model and filter it holds.
    /// </summary>
    internal static string FileName(string campaignId, string table, string window, string model, string? platform, bool filtered) =>
        $"{FileNamePart(campaignId)}-{table}-{window}-{model}{(platform is null ? "" : "-" + FileNamePart(platform))}{(filtered ? "-filtered" : "")}";

    /// <summary>A campaign id as it may appear in a quoted header file name: anything but letters, digits, '.', '_' and '-' becomes '_'.</summary>
    internal static string FileNamePart(string campaignId) => UnsafeFileNameCharacters().Replace(campaignId, "_");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeFileNameCharacters();

    private sealed record TableQuery(CampaignConfig? Campaign, StateWindow Window, string Model, IResult? Error);
}
