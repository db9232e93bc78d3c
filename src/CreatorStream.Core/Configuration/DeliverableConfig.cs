namespace CreatorStream.Core.Configuration;

/// <summary>
/// What a creator owes the campaign (docs/design.md, "Content"): <see cref="Count"/> posts on <see cref="Platform"/>,
/// of <see cref="Format"/> when given (any format when not), live by <see cref="Due"/>.
/// </summary>
public sealed record DeliverableConfig
{
    public string Platform { get; set; } = "";

    /// <summary>A content format's wire name; null accepts any format.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Format { get; set; }

    /// <summary>How many posts; null (omitted) is one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; set; }

    /// <summary><see cref="Count"/>, or one.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Posts => Count ?? 1;

    public DateTimeOffset? Due { get; set; }
}
