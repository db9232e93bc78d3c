namespace CreatorStream.Core.Spikes;

/// <summary>What a key's minute was judged to be.</summary>
internal enum Verdict : byte
{
    None,
    Spike,
    Drop,
}
