namespace CreatorStream.Redis;

/// <summary>No worker has recorded the brand layout under this prefix yet, so no campaign's keys exist to read.</summary>
public sealed class LayoutUnknownException() : Exception("no worker has recorded the brand layout under this prefix yet");
