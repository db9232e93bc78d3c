namespace CreatorStream.Testing.Adversaries;

/// <summary>Comment texts of the scenarios: people's (varied), fans', giveaway entries, live chat, and spun farm text. Stateless.</summary>
internal static class Texts
{
    private static readonly string[] People =
    [
        "where is this from?", "how much is it", "the colour on the second one 😍", "need this for summer", "does it come in blue?",
        "link pls", "my sister has the same one haha", "tried it last week, honestly worth it", "that background though",
        "is there a discount code", "ok but the lighting", "so good 🔥", "love it", "this made my day", "wait what is the song",
        "saving this", "@jules look", "how long did it take you", "can't believe the price", "the details on the sleeve",
        "first!", "🔥🔥", "❤️", "great video", "you always deliver", "please do a tutorial",
    ];

    private static readonly string[] Fans =
    [
        "yesss another one", "you never miss", "been waiting for this", "love love love", "queen 👑", "the best on here",
        "🔥🔥🔥", "omg", "so proud of you", "this is my favourite so far", "here before it blows up", "notification squad 🙋",
    ];

    private static readonly string[] Entries =
    [
        "me!", "pick me 🙏", "done ✅", "I want it 😍", "entered!", "@sam @lea", "@mo", "please 🙏🙏", "would love this",
        "followed and shared", "🙋‍♀️", "me please", "yes!!", "fingers crossed 🤞", "@kim come on",
    ];

    private static readonly string[] ChatLines =
    [
        "🔥", "lol", "hi!", "❤️", "wow", "hello from Lisbon", "😂😂", "no way", "W", "first time here", "🔥🔥", "hahaha",
        "so cool", "👋", "💯", "omg", "agreed", "what camera is that", "👏👏", "love this stream",
    ];

    private static readonly string[][] Spin =
    [
        ["Amazing", "Great", "Awesome", "Incredible", "Fantastic", "Superb"],
        ["post", "pic", "content", "shot", "work", "photo"],
        ["!", "!!", " 🔥", " 👍", " ✨", "", " 💯"],
        ["", " Keep it up", " Keep going", " Check my page", " Follow back?", " Love it"],
    ];

    public static string Genuine(Random random) => People[random.Next(People.Length)];

    public static string Fan(Random random) => Fans[random.Next(Fans.Length)];

    public static string Giveaway(Random random) => Entries[random.Next(Entries.Length)];

    public static string Chat(Random random) => ChatLines[random.Next(ChatLines.Length)];

    /// <summary>A farm's spinner: each call a fresh spin of one template ("{Amazing|Great} {post|pic}{!| 🔥}{| Keep it up}").</summary>
    public static Func<string> Spinner(Random random) =>
        () => string.Concat(Spin.Select((options, i) => (i is 1 ? " " : "") + options[random.Next(options.Length)]));
}
