namespace CreatorStream.Core.Authenticity;

/// <summary>
/// One engagement or click as a post's group window keeps it (docs/design.md, "Authenticity"): when, by whom, what kind
/// (<see cref="Click"/> for a click), a comment's print, and facts fixed when it was observed: whether the account had been
/// shown the post, whether it was new to the creator (met it through this post, or not at all), whether a comment came
/// back to a post the account had engaged at least <see cref="AuthenticityOptions.ReturnGapMs"/> before, and whether a
/// comment is generic praise, and whether it is a live stream's chat (left out of every group: chat is bursts of short
/// repeated lines from viewers who come and go, judged by who writes it). Immutable.
/// </summary>
internal readonly record struct WindowEntry(long Ts, ulong User, byte Kind, bool Shown, bool Newcomer, bool Returning, bool Praise, bool Chat, CommentPrint? Print)
{
    public const byte Click = byte.MaxValue;

    public bool IsEngagement => Kind != Click;

    /// <summary>An engagement by an account that was never shown the post and had no history with its creator.</summary>
    public bool Unexposed => IsEngagement && !Shown && Newcomer;

    /// <summary>Generic praise from an account that came through this post: what a bought comment says, and who says it.</summary>
    public bool NewcomerPraise => Praise && Newcomer;
}
