using CreatorStream.Core.Authenticity;

namespace CreatorStream.Testing;

/// <summary>Authenticity options for tests of other mechanics (windows, lateness, corrections). Stateless.</summary>
public static class TestAuthenticity
{
    /// <summary>
    /// The defaults with every group signal off: random streams of a few dozen accounts engaging posts they were never
    /// shown look like bought batches, and a found group revises (corrects) buckets that a test of lateness alone would
    /// not predict. Per-account signals stay on.
    /// </summary>
    public static AuthenticityOptions WithoutGroupSignals { get; } = AuthenticityOptions.Default with
    {
        ExposureGapMin = int.MaxValue,
        TemplateMinAccounts = int.MaxValue,
        ReturnMinAccounts = int.MaxValue,
        PraiseWaveMin = int.MaxValue,
        RingMinPartners = int.MaxValue,
    };
}
