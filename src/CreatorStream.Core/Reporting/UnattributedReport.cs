namespace CreatorStream.Core.Reporting;

/// <summary>Conversions that no attribution model credits, and their revenue.</summary>
public sealed record UnattributedReport
{
    public double Conversions { get; init; }
    public double Revenue { get; init; }
}
