namespace CreatorStream.Testing.Adversaries;

/// <summary>
/// What one pod writes: the same text for all (exact), a template filled at random (templated), or one text lightly
/// varied per member (case, punctuation, emoji). Mutable (draws from the generator's random source).
/// </summary>
internal sealed class PodText(Random random)
{
    public const int Exact = 0;
    public const int Templated = 1;
    public const int Varied = 2;

    private static readonly string[] Openers = ["love", "obsessed with", "so into", "living for", "can't get over", "adore"];
    private static readonly string[] Objects = ["this", "this look", "the vibe", "this one", "the colours", "this edit", "your style"];
    private static readonly string[] Emoji = ["😍", "🔥", "🙌", "💯", "✨", "❤️", "👏", "😻", ""];
    private static readonly string[] Shouts = ["Yesss", "Stunning", "Obsessed", "Goals", "Wow wow", "So good", "Iconic", "Need this"];

    private readonly string _fixed = Shouts[random.Next(Shouts.Length)] + " " + Emoji[random.Next(Emoji.Length)];

    public int Mode { get; init; } = random.Next(3);

    public string Next() => Mode switch
    {
        Exact => _fixed,
        Templated => $"{Openers[random.Next(Openers.Length)]} {Objects[random.Next(Objects.Length)]} {Emoji[random.Next(Emoji.Length)]}".Trim(),
        _ => Vary(_fixed),
    };

    private string Vary(string text)
    {
        var varied = random.Next(3) switch
        {
            0 => text.ToUpperInvariant(),
            1 => text.ToLowerInvariant(),
            _ => text,
        };
        return varied + new string('!', random.Next(3)) + Emoji[random.Next(Emoji.Length)];
    }
}
