using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreatorStream.Core.Content;

/// <summary>The content records as JSON (snake_case), for the stores, snapshots and REST.</summary>
public static class ContentJson
{
    public static string Write(PostRecord record) => JsonSerializer.Serialize(record, ContentJsonContext.Default.PostRecord);
    public static string Write(ComplianceFlag flag) => JsonSerializer.Serialize(flag, ContentJsonContext.Default.ComplianceFlag);
    public static string Write(DeliverableRecord record) => JsonSerializer.Serialize(record, ContentJsonContext.Default.DeliverableRecord);
    public static string Write(FlagReview review) => JsonSerializer.Serialize(review, ContentJsonContext.Default.FlagReview);
    public static string Write(ReviewEntry entry) => JsonSerializer.Serialize(entry, ContentJsonContext.Default.ReviewEntry);
    public static string Write(Estimates.CampaignEstimates estimates) => JsonSerializer.Serialize(estimates, ContentJsonContext.Default.CampaignEstimates);
    public static string Write(Commissions.StatementDecision decision) => JsonSerializer.Serialize(decision, ContentJsonContext.Default.StatementDecision);
    public static string Write(Commissions.CampaignCommissions commissions) => JsonSerializer.Serialize(commissions, ContentJsonContext.Default.CampaignCommissions);

    public static PostRecord ReadPost(string json) => JsonSerializer.Deserialize(json, ContentJsonContext.Default.PostRecord)!;
    public static ComplianceFlag ReadFlag(string json) => JsonSerializer.Deserialize(json, ContentJsonContext.Default.ComplianceFlag)!;
    public static DeliverableRecord ReadDeliverable(string json) => JsonSerializer.Deserialize(json, ContentJsonContext.Default.DeliverableRecord)!;
    public static FlagReview ReadReview(string json) => JsonSerializer.Deserialize(json, ContentJsonContext.Default.FlagReview)!;
    public static ReviewEntry ReadEntry(string json) => JsonSerializer.Deserialize(json, ContentJsonContext.Default.ReviewEntry)!;
    public static Estimates.CampaignEstimates ReadEstimates(string json) => JsonSerializer.Deserialize(json, ContentJsonContext.Default.CampaignEstimates)!;
    public static Commissions.StatementDecision ReadDecision(string json) => JsonSerializer.Deserialize(json, ContentJsonContext.Default.StatementDecision)!;
    public static Commissions.CampaignCommissions ReadCommissions(string json) => JsonSerializer.Deserialize(json, ContentJsonContext.Default.CampaignCommissions)!;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PostRecord))]
[JsonSerializable(typeof(ComplianceFlag))]
[JsonSerializable(typeof(DeliverableRecord))]
[JsonSerializable(typeof(FlagReview))]
[JsonSerializable(typeof(ReviewEntry))]
[JsonSerializable(typeof(Estimates.CampaignEstimates))]
[JsonSerializable(typeof(Commissions.CampaignCommissions))]
[JsonSerializable(typeof(Commissions.StatementDecision))]
internal sealed partial class ContentJsonContext : JsonSerializerContext;
