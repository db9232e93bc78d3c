namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The stable reason codes of an <see cref="AuthenticityVerdict"/> and of alerts' <c>top_reasons</c> (snake_case
/// wire names; never renamed). Immutable.
/// </summary>
public static class AuthenticityReasons
{
    /// <summary>Many engagements or clicks by one user in a short window.</summary>
    public const string Burst = "burst";

    /// <summary>Machine-regular gaps between one user's engagements.</summary>
    public const string RegularTiming = "regular_timing";

    /// <summary>Engaged with or clicked a post the user was never shown.</summary>
    public const string NotShown = "not_shown";

    /// <summary>Many distinct users behind one <c>ip_hash</c>.</summary>
    public const string SharedIp = "shared_ip";

    /// <summary>Many distinct users on one <c>device_id</c>.</summary>
    public const string SharedDevice = "shared_device";

    /// <summary>A very new account.</summary>
    public const string NewAccount = "new_account";

    /// <summary>A click that left at once.</summary>
    public const string ZeroDwell = "zero_dwell";

    /// <summary>The same comment text from many accounts on one post.</summary>
    public const string CopyPasteComment = "copy_paste_comment";

    /// <summary>A group of accounts engaging with the same posts together, again and again.</summary>
    public const string Pod = "pod";

    /// <summary>The account was flagged recently; its suspicion (decaying) carries over.</summary>
    public const string SuspiciousAccount = "suspicious_account";

    /// <summary>Generic praise straight after a like, as a post goes up: how pod members comment.</summary>
    public const string PodComment = "pod_comment";

    /// <summary>Among a post's recent engagers, most were never shown it: a batch delivered without an audience (bought, scripted).</summary>
    public const string ExposureGap = "exposure_gap";

    /// <summary>Many accounts leaving near-identical comments on one post within minutes (case, punctuation, emoji and small edits aside).</summary>
    public const string TemplateWave = "template_wave";

    /// <summary>A group of accounts engaging early on the same posts of several creators: a ring.</summary>
    public const string PodRing = "pod_ring";

    /// <summary>Generic praise from many accounts new to the creator, most of what a post hears within minutes: bought comments.</summary>
    public const string PraiseWave = "praise_wave";

    /// <summary>Every code, in a fixed order (the bit order of the classifier's reason masks, and the tie order of <c>top_reasons</c>); new codes go at the end.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Burst, RegularTiming, NotShown, SharedIp, SharedDevice, NewAccount, ZeroDwell, CopyPasteComment, Pod, SuspiciousAccount, PodComment, ExposureGap, TemplateWave, PodRing, PraiseWave];
}
