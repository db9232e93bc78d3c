namespace CreatorStream.Core.Reporting;

/// <summary>Conversions of one kind credited under one model, their revenue, and how many were new customers.</summary>
public sealed record KindCreditReport
{
    public double Conversions { get; init; }
    public double Revenue { get; init; }
    public double NewCustomers { get; init; }
}
