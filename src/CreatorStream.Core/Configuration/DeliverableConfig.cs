namespace CreatorStream.Core.Configuration;

/// <summary>
/// What a creator owes the campaign (docs/design.md, "Content"): <see cref="Count"/> posts on <see cref="Platform"/>,
/// of <see cref="Format"/> when given (any format when not), live by <see cref="Due"/>.
/// </summary>
public sealed record DeliverableConfig
{
    public string Platform { get; set; } = "";

    /// <summary>A content format's wire name; null accepts any format.</summary>
    public string? Format { get; set; }

    public int Count { get; set; } = 1;

    public DateTimeOffset? Due { get; set; }
}
