using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Spikes;

/// <summary>
/// The alerts a detector raised, kept while a revision may still reach their windows, so that one whose counted
/// engagement turns out half inauthentic can be retracted (docs/design.md, "Spikes"). The oldest go first past a cap.
/// Mutable; not thread-safe.
/// </summary>
internal sealed class RaisedSpikes(int capacity)
{
    private readonly List<RaisedSpike> _raised = [];

    public void Add(RaisedSpike spike)
    {
        if (_raised.Count >= capacity)
        {
            _raised.RemoveAt(0);
        }

        _raised.Add(spike);
    }

    /// <summary>
    /// Counts <paramref name="revised"/> against each spike that counted it, and returns those it brings to half of what
    /// they counted (each once: they are marked retracted).
    /// </summary>
    public List<RaisedSpike> Revise(RevisedEngagement revised)
    {
        var retracted = new List<RaisedSpike>();
        foreach (var spike in _raised)
        {
            if (spike.Retracted || !spike.Covers(revised.CampaignId, revised.CreatorId, revised.ContentId, revised.Ts))
            {
                continue;
            }

            spike.Revised++;
            if (spike.Revised * 2 >= spike.Observed)
            {
                spike.Retracted = true;
                retracted.Add(spike);
            }
        }

        return retracted;
    }

    /// <summary>Forgets spikes no revision can reach any more (older than <paramref name="horizonMs"/> behind the watermark).</summary>
    public void Forget(long watermark, long horizonMs) => _raised.RemoveAll(s => s.WindowEnd < watermark - horizonMs);

    public void Save(Snapshots.SnapshotWriter writer) => writer.Write(_raised, static (w, spike) => spike.Save(w));

    public void Load(Snapshots.SnapshotReader reader) => reader.Each(r => _raised.Add(RaisedSpike.Load(r)));
}
