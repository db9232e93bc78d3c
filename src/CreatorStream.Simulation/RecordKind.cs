namespace CreatorStream.Simulation;

/// <summary>What a generated record is, so a test or a benchmark can score the pipeline against the truth.</summary>
public enum RecordKind : byte
{
    /// <summary>An event sent once, on time (genuine or fake traffic alike: see <see cref="GeneratedRecord.FakeLabel"/>).</summary>
    Genuine,

    /// <summary>An earlier record re-sent verbatim (same bytes, same <c>event_id</c>), as a producer retry would.</summary>
    Duplicate,

    /// <summary>Garbage the pipeline must dead-letter: it does not decode, or names a campaign that is not configured.</summary>
    Malformed,

    /// <summary>An event that arrives two hours after its event time: later than the allowed lateness (docs/design.md, "Event time").</summary>
    Late,
}
