namespace CreatorStream.Simulation;

/// <summary>Names and texts of the synthetic world.</summary>
internal static class Vocabulary
{
    public static readonly string[] FirstNames =
    [
        "Maya", "Leo", "Aisha", "Kenji", "Sofia", "Omar", "Priya", "Lucas", "Zara", "Mateo",
        "Chloe", "Ravi", "Nina", "Diego", "Hana", "Felix", "Amara", "Jonas", "Lina", "Tariq",
        "Elena", "Kofi", "Yuki", "Marco", "Ines", "Sam", "Freya", "Arjun", "Noor", "Luca",
        "Mila", "Theo", "Ayla", "Caleb", "Rosa", "Emil", "Ada", "Malik", "Iris", "Pablo",
    ];

    public static readonly string[] LastNames =
    [
        "Reyes", "Chen", "Okafor", "Nakamura", "Rossi", "Haddad", "Sharma", "Silva", "Khan", "Lopez",
        "Martin", "Patel", "Novak", "Garcia", "Kim", "Weber", "Mensah", "Berg", "Costa", "Ali",
    ];

    public static readonly (string Id, string Currency, double AverageOrder)[] Brands =
    [
        ("acme", "USD", 45), ("nordlys", "EUR", 85), ("brightway", "GBP", 60),
        ("kumo", "USD", 30), ("velora", "EUR", 120), ("tidepool", "AUD", 70),
    ];

    public static readonly string[] Campaigns =
    [
        "spring-launch", "summer-drop", "back-to-school", "holiday-gifting",
        "new-year-reset", "fall-collection", "festival-season", "weekend-flash",
    ];

    /// <summary>What real viewers write: varied, often about the product, sometimes a question.</summary>
    public static readonly string[] GenuineComments =
    [
        "where is this from?", "need this in my life", "the colour is perfect", "ok this is actually useful",
        "how long did shipping take?", "does it come in other sizes?", "just ordered one", "bought it last week, love it",
        "is the code still working?", "this made my day", "tried it, not for me tbh", "the editing on this",
        "saving for later", "my sister needs to see this", "honest review, thank you", "what song is this?",
        "been waiting for this", "link please!", "price?", "wow the quality",
        "third time watching this", "you always find the best stuff", "does it work on sensitive skin?", "adding to cart",
        "this is so you", "not sponsored vibes at all lol", "ships to Canada?", "love the colours \u2728",
    ];

    /// <summary>
    /// Generic praise from real viewers: fits any post, like a pod's (some of the very same words), mostly within the
    /// <c>GenericPraise</c> lexicon; the last two are emoji only, which it does not read.
    /// </summary>
    public static readonly string[] GenuinePraise =
    [
        "love this", "Love this!!", "so good \ud83d\udd25", "obsessed \ud83d\ude0d", "stunning", "amazing",
        "this is amazing", "so cute", "gorgeous \u2728", "wow", "yes!!", "omg love", "perfect", "beautiful \ud83d\ude4c",
        "\ud83d\udd25\ud83d\udd25\ud83d\udd25", "\ud83d\ude0d\ud83d\ude0d",
    ];

    /// <summary>What pod members write: warm, generic praise that fits any post.</summary>
    public static readonly string[] PodComments =
    [
        "Obsessed!! \ud83d\ude0d", "Yesss love this", "So good \ud83d\udd25\ud83d\udd25", "Killing it as always",
        "Amazing content!!", "Goals \ud83d\ude4c", "This is everything", "Stunning \u2728",
    ];

    /// <summary>What bot farms paste, one or two texts per farm.</summary>
    public static readonly string[] BotComments =
    [
        "Nice post!! Check my profile", "Great content \ud83d\udc4d", "Wow amazing \ud83d\ude0d\ud83d\ude0d",
        "Follow me for more", "Awesome!!!", "DM us to collab \ud83d\udcb0", "Promote it on our page",
    ];
}
