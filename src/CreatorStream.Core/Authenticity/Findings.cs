namespace CreatorStream.Core.Authenticity;

/// <summary>
/// What the group signals found about one engagement (<see cref="GroupSignals"/>): which fired, and for each the
/// accounts of the group it found on the post, whose earlier engagements there the classifier revises. Reused by its
/// <see cref="GroupSignals"/> from one judgement to the next (read it before the next). Mutable; not thread-safe.
/// </summary>
internal sealed class Findings
{
    public bool ExposureGap { get; set; }

    public bool TemplateWave { get; set; }

    public bool ReturningGroup { get; set; }

    public bool PraiseWave { get; set; }

    /// <summary>The same text from several accounts makes up much of what the post hears (the weak <c>copy_paste_comment</c> needs it).</summary>
    public bool CopiesDominate { get; set; }

    /// <summary>Accounts found never shown the post and new to its creator, in a window most of whose engagement is theirs.</summary>
    public IReadOnlyCollection<ulong> Unexposed { get; set; } = [];

    /// <summary>Accounts whose comment is the template.</summary>
    public IReadOnlyCollection<ulong> Template { get; set; } = [];

    /// <summary>Accounts that came back to the post together.</summary>
    public IReadOnlyCollection<ulong> Returners { get; set; } = [];

    /// <summary>Accounts new to the creator that praised the post in generic words.</summary>
    public IReadOnlyCollection<ulong> Praisers { get; set; } = [];

    public Findings Reset()
    {
        ExposureGap = TemplateWave = ReturningGroup = PraiseWave = CopiesDominate = false;
        Unexposed = Template = Returners = Praisers = [];
        return this;
    }
}
