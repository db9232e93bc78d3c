namespace CreatorStream.Core.Spikes;

/// <summary>
/// What one creator's or post's engagement per minute usually is (an EWMA of mean and variance) and whether it is
/// in a spike or drop episode right now. Mutable; owned by one <see cref="SpikeDetector"/>.
/// </summary>
internal sealed class KeyBaseline
{
    public double Mean { get; private set; }

    public double Variance { get; private set; }

    public int Minutes { get; private set; }

    public bool InSpike { get; private set; }

    public bool InDrop { get; private set; }

    /// <summary>
    /// The spread a minute is judged against: the EWMA's, but never less than Poisson noise (√mean) or 1, so a
    /// key whose history happens to be flat does not alert on its first wobble.
    /// </summary>
    public double StdDev => Math.Sqrt(Math.Max(Variance, Math.Max(Mean, 1)));

    private int _episodeMinutes;
    private int _calmMinutes;
    private int _lowMinutes;

    /// <summary>First low minute of the current run of low minutes (for the drop's window).</summary>
    public long LowSince { get; private set; }

    /// <summary>
    /// Whether the last <see cref="Evaluate"/> changed what "normal" is (learnt the minute, or restarted the baseline from
    /// it): a caller that keeps a companion average learns it exactly then, so the two never drift apart. Not saved: it
    /// is read right after the call.
    /// </summary>
    public bool LearntLast { get; private set; }

    /// <summary>The baseline and spread the last minute was judged against (before it was learnt).</summary>
    public (double Expected, double StdDev) Judged { get; private set; }

    /// <summary>
    /// Judges one closed minute's count, learns from it when it is normal, and says what it was. With
    /// <paramref name="canSpike"/> false a surge is not news (another test said so) and is learnt like any minute; with
    /// <paramref name="learn"/> false an ordinary minute is judged but not learnt (the caller suspects it).
    /// </summary>
    public Verdict Evaluate(long count, long minuteStart, SpikeOptions options, bool canDrop, bool canSpike = true, bool learn = true)
    {
        LearntLast = false;
        var expected = Mean;
        Judged = (expected, StdDev);
        var z = (count - expected) / Judged.StdDev;
        if (InSpike)
        {
            ContinueEpisode(count, z, options);
            return Verdict.None;
        }

        var warm = Minutes >= options.WarmupMinutes;
        if (canSpike && warm && count >= options.MinSpikeCount && z >= options.SpikeZ && count >= options.MinSpikeRatio * Math.Max(expected, 1))
        {
            InSpike = true;
            _episodeMinutes = 1;
            _calmMinutes = 0;
            return Verdict.Spike; // the surge is not learnt: the baseline stays what "normal" was
        }

        var verdict = Verdict.None;
        if (canDrop && warm && expected >= options.DropMinBaseline && count <= options.DropRatio * expected && z <= -options.DropZ)
        {
            LowSince = _lowMinutes == 0 ? minuteStart : LowSince;
            if (++_lowMinutes >= options.DropMinutes && !InDrop)
            {
                InDrop = true;
                verdict = Verdict.Drop;
            }
        }
        else
        {
            _lowMinutes = 0;
            InDrop &= count < expected / 2; // recovered once back to half of normal
        }

        if (learn)
        {
            Learn(count, options.Alpha);
        }

        return verdict;
    }

    private void ContinueEpisode(long count, double z, SpikeOptions options)
    {
        _episodeMinutes++;
        _calmMinutes = z < options.ClearZ ? _calmMinutes + 1 : 0;
        if (_calmMinutes >= options.ClearMinutes)
        {
            InSpike = false;
            Learn(count, options.Alpha);
        }
        else if (_episodeMinutes >= options.MaxEpisodeMinutes)
        {
            // Not a spike any more but a new level: start the baseline again from it.
            InSpike = false;
            Mean = count;
            Variance = 0;
            Minutes = 1;
            LearntLast = true;
        }
    }

    private void Learn(double count, double alpha)
    {
        if (Minutes == 0)
        {
            Mean = count;
        }
        else
        {
            // West's incremental EWMA of mean and variance.
            var diff = count - Mean;
            var increment = alpha * diff;
            Mean += increment;
            Variance = (1 - alpha) * (Variance + (diff * increment));
        }

        Minutes++;
        LearntLast = true;
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(Mean);
        writer.Write(Variance);
        writer.Write(Minutes);
        writer.Write(InSpike);
        writer.Write(InDrop);
        writer.Write(_episodeMinutes);
        writer.Write(_calmMinutes);
        writer.Write(_lowMinutes);
        writer.Write(LowSince);
        writer.Write(Judged.Expected);
        writer.Write(Judged.StdDev);
    }

    public static KeyBaseline Load(Snapshots.SnapshotReader reader) => new()
    {
        Mean = reader.Double(),
        Variance = reader.Double(),
        Minutes = reader.Int(),
        InSpike = reader.Bool(),
        InDrop = reader.Bool(),
        _episodeMinutes = reader.Int(),
        _calmMinutes = reader.Int(),
        _lowMinutes = reader.Int(),
        LowSince = reader.Long(),
        Judged = (reader.Double(), reader.Double()),
    };
}
