namespace CreatorStream.Testing.Fuzz;

/// <summary>Where fuzz records are fed: the label of some kinds depends on it (a topic names the type; a file line must).</summary>
public enum FuzzTarget : byte
{
    /// <summary>A JSON Lines file for <c>replay</c>: no raw line breaks inside a record, <c>type</c> required, no wall clock.</summary>
    JsonLines,

    /// <summary>The ingest topics: any bytes, the topic gives the type, the worker's wall clock bounds event time.</summary>
    Topics,
}
