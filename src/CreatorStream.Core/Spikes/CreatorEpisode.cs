namespace CreatorStream.Core.Spikes;

/// <summary>Whether a creator is in a creator-level spike episode, so one spread-out surge gives one alert. Mutable.</summary>
internal sealed class CreatorEpisode
{
    private int _minutes;
    private int _calmMinutes;

    public bool Active { get; private set; }

    /// <summary>Judges the creator's minute; true when a new creator-level spike starts.</summary>
    public bool Evaluate(CreatorMinute minute, SpikeOptions options)
    {
        var z = (minute.Observed - minute.Expected) / minute.StdDev;
        if (Active)
        {
            _minutes++;
            _calmMinutes = z < options.ClearZ ? _calmMinutes + 1 : 0;
            Active = _calmMinutes < options.ClearMinutes && _minutes < options.MaxEpisodeMinutes;
            return false;
        }

        if (minute.PostSpiking || minute.Observed < options.MinSpikeCount || z < options.SpikeZ
            || minute.Observed < options.MinSpikeRatio * Math.Max(minute.Expected, 1))
        {
            return false;
        }

        (Active, _minutes, _calmMinutes) = (true, 1, 0);
        return true;
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_minutes);
        writer.Write(_calmMinutes);
        writer.Write(Active);
    }

    public static CreatorEpisode Load(Snapshots.SnapshotReader reader) => new()
    {
        _minutes = reader.Int(),
        _calmMinutes = reader.Int(),
        Active = reader.Bool(),
    };
}
