namespace CreatorStream.Core.Metrics;

/// <summary>Ratios as docs/design.md, "Metrics" reports them: a zero denominator gives null, never infinity or NaN.</summary>
public static class Ratio
{
    public static double? Of(double numerator, double denominator) => denominator == 0 ? null : numerator / denominator;

    /// <summary>
    /// As <see cref="Of"/>, over a sum of fractional credit: refunds that took back all of it can leave a residue of a
    /// few ulps (1e-17 of a lead), which would give a cost per lead of 1e19. Credit within 1e-9 of zero counts as none.
    /// </summary>
    public static double? OfCredit(double numerator, double credit) => Math.Abs(credit) < CreditResidue ? null : numerator / credit;

    /// <summary>Credit closer to zero than this is a refund's rounding residue, not credit.</summary>
    public const double CreditResidue = 1e-9;
}
