namespace CreatorStream.Simulation;

/// <summary>A post going viral: extra sessions on it, at an intensity that rises fast and decays step by step.</summary>
internal sealed class Surge(Post post, double peakPerMs, int steps)
{
    public Post Post { get; } = post;

    public double PeakPerMs { get; } = peakPerMs;

    public int Steps { get; } = steps;

    public int Step { get; set; }

    /// <summary>Current sessions per ms.</summary>
    public double RatePerMs { get; set; }
}
