using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Tests.Attribution;

/// <summary>Asserts a model's credits against hand-computed (creator, share) pairs, in journey order.</summary>
internal static class CreditAssert
{
    public const double Tolerance = 1e-12;

    public static void Shares(IReadOnlyList<Credit> credits, params (string Creator, double Share)[] expected)
    {
        Assert.Equal(expected.Length, credits.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Creator, credits[i].CreatorId);
            Assert.Equal(expected[i].Share, credits[i].Share, Tolerance);
        }
    }
}
