namespace CreatorStream.Host.Composition;

/// <summary>How log entries are written to standard error: one text line each, or one JSON object each (with scopes).</summary>
public enum LogFormat
{
    Text,
    Json,
}
