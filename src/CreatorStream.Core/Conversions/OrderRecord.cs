using CreatorStream.Core.Attribution;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// How one order was credited, kept for <see cref="ConversionAttributor.OrderMemory"/> so that a refund reverses exactly
/// that credit in the same proportions. Mutable only in <see cref="RefundedShare"/> and a lead's status; not thread-safe.
/// </summary>
/// <remarks>
/// Compact (docs/design.md, "Attribution state"): the shares of the two models that depend on more than the journey's
/// length (time decay on the touchpoints' times, data-driven on the chain when the order was credited). First touch, last
/// touch, linear and position-based shares follow from the journey's length alone and are computed again with
/// <see cref="AttributionMath"/>'s own formulas, so every share is bit for bit the one the order was credited with
/// (decision 0015). A journey names few posts many times (about 100 touchpoints on about 10 posts in the 3,000-a-second
/// soak), so each post is kept once with a byte per touchpoint naming it, and data-driven's shares, which are its
/// creator's share split evenly over its touchpoints, once per post: about 10 bytes a touchpoint and 16 a post, where a
/// post reference and two shares per touchpoint took 24 (docs/benchmarks.md, session 59). Orders are kept 90 days for
/// refunds, so at a sustained rate they are most of the state that outlives the 25-hour horizons.
/// </remarks>
internal sealed class OrderRecord
{
    private const int MaxIndexedPosts = 256; // a byte names a post

    private readonly TouchedPost[] _posts; // each post once, in the order first touched; every touchpoint's when _at is null
    private readonly byte[]? _at; // each touchpoint's post, as its place in _posts; null when _posts has one per touchpoint
    private readonly double[]? _dataDriven; // data-driven's shares: one per post of _posts when _drivenPerPost, else one per touchpoint

    private readonly bool _drivenPerPost;

    /// <param name="value">The order's value.</param>
    /// <param name="ts">When it converted (event time, Unix ms).</param>
    /// <param name="posts">The normalized journey's posts in order; empty when no touchpoint model credits the order.</param>
    /// <param name="timeDecay">Time decay's share per touchpoint; null when each is linear's (<see cref="AttributionMath.LinearShare"/>). Kept as given.</param>
    /// <param name="dataDriven">Data-driven's share per touchpoint, when <paramref name="keepsDataDriven"/> (else each is linear's: the fallback, or equal effects).</param>
    /// <param name="keepsDataDriven">Whether <paramref name="dataDriven"/> holds the shares.</param>
    /// <param name="direct">The creator whose promo code or link the order carried, if any.</param>
    public OrderRecord(double value, long ts, ReadOnlySpan<TouchedPost> posts, double[]? timeDecay, ReadOnlySpan<double> dataDriven, bool keepsDataDriven, CreatorRef? direct)
    {
        if ((timeDecay is not null && timeDecay.Length != posts.Length) || (keepsDataDriven && dataDriven.Length != posts.Length))
        {
            throw new ArgumentException("A model's shares must have one entry per post of the journey.");
        }

        Value = value;
        Ts = ts;
        TimeDecay = timeDecay;
        Direct = direct;
        Touches = posts.Length;
        (_posts, _at) = Index(posts);
        if (keepsDataDriven)
        {
            _dataDriven = _at is null ? null : PerPost(dataDriven, _at, _posts.Length);
            _drivenPerPost = _dataDriven is not null;
            _dataDriven ??= dataDriven.ToArray();
        }
    }

    /// <inheritdoc cref="OrderRecord(double, long, ReadOnlySpan{TouchedPost}, double[], ReadOnlySpan{double}, bool, CreatorRef?)"/>
    public OrderRecord(double value, long ts, TouchedPost[] posts, double[]? timeDecay, double[]? dataDriven, CreatorRef? direct)
        : this(value, ts, posts, timeDecay, dataDriven, dataDriven is not null, direct)
    {
    }

    public double Value { get; }

    public long Ts { get; }

    /// <summary>The journey's touchpoints: the length of the journey the order was credited on.</summary>
    public int Touches { get; }

    /// <summary>The post of touchpoint <paramref name="i"/> (the instance the journey held).</summary>
    public TouchedPost PostAt(int i) => _at is null ? _posts[i] : _posts[_at[i]];

    /// <summary>Each post of the journey, once (or once per touchpoint, when that is how it is kept): what a check of who touched the buyer reads.</summary>
    public IReadOnlyList<TouchedPost> Posts => _posts;

    /// <summary>Time decay's shares, one per touchpoint; null when each is linear's.</summary>
    public double[]? TimeDecay { get; }

    /// <summary>Whether data-driven's shares are kept (else each is linear's).</summary>
    public bool KeepsDataDriven => _dataDriven is not null;

    /// <summary>Data-driven's share of touchpoint <paramref name="i"/>, as kept (<see cref="KeepsDataDriven"/>).</summary>
    public double DataDrivenAt(int i) => _drivenPerPost ? _dataDriven![_at![i]] : _dataDriven![i];

    public CreatorRef? Direct { get; }

    /// <summary>Whether data-driven's shares are kept once per post rather than per touchpoint (for tests).</summary>
    internal bool KeepsDataDrivenPerPost => _drivenPerPost;

    /// <summary>What was converted; null for an order restored from a snapshot older than kinds (its credit by kind was never counted).</summary>
    public Events.ConversionKind? Kind { get; init; }

    /// <summary>Whether the conversion said it was the customer's first order.</summary>
    public bool IsNewCustomer { get; init; }

    /// <summary>Whether this purchase acquired its customer (docs/design.md, "Customer value"): their first the stream saw, not said to be a returning customer's.</summary>
    public bool Acquired { get; init; }

    /// <summary>Whether this purchase came from a customer who had bought before: seen earlier in the stream, or said so by the store.</summary>
    public bool IsReturning { get; init; }

    /// <summary>The order that acquired this purchase's customer, when this is a repeat within 180 days of it: its credit is the repeat's.</summary>
    public OrderRecord? RepeatOf { get; init; }

    /// <summary>The customer id of a repeat, so that its refund finds the customer in the ledger.</summary>
    public string? Customer { get; init; }

    /// <summary>The windows (<see cref="State.RepeatWindows"/>) the repeat falls in, and those it is the customer's first repeat in.</summary>
    public byte RepeatWindows { get; init; }

    public byte FirstRepeatIn { get; init; }

    /// <summary>A lead's status from the latest lead update (docs/design.md, "Outcomes", leads); new until one comes.</summary>
    public Events.LeadStatus LeadStatus { get; private set; }

    /// <summary>The event time and id of the update that set <see cref="LeadStatus"/>; null before any.</summary>
    public (long Ts, string EventId)? StatusSetBy { get; private set; }

    /// <summary>
    /// Takes an update's status if the update is newer, by event time and then event id, than the one that set the
    /// current status: the newest update wins whatever order updates arrive in. Returns whether it took it.
    /// </summary>
    public bool TryUpdateStatus(Events.LeadStatus status, long ts, string eventId)
    {
        if (StatusSetBy is { } current && (ts < current.Ts || (ts == current.Ts && string.CompareOrdinal(eventId, current.EventId) <= 0)))
        {
            return false;
        }

        LeadStatus = status;
        StatusSetBy = (ts, eventId);
        return true;
    }

    /// <summary>How much of the order has been refunded so far, 0 to 1.</summary>
    public double RefundedShare { get; set; }

    /// <summary>Whether any model credits the order (else it counts as unattributed).</summary>
    public bool IsAttributed => Touches > 0 || Direct is not null;

    /// <summary>
    /// Each credited (campaign, creator, post, model) and its share of the order, in the order the order was credited:
    /// first touch, last touch, linear, time decay, position based, data-driven (one per touchpoint each but the first
    /// two), then direct; with the country the touchpoint came from, if it said (never for direct credit).
    /// </summary>
    public IEnumerable<(CreditKey Key, double Share, string? Country)> Credits()
    {
        var n = Touches;
        if (n > 0)
        {
            yield return (Key(PostAt(0), AttributionModels.FirstTouch), 1.0, PostAt(0).Country);
            yield return (Key(PostAt(n - 1), AttributionModels.LastTouch), 1.0, PostAt(n - 1).Country);
            for (var i = 0; i < n; i++)
            {
                yield return (Key(PostAt(i), AttributionModels.Linear), AttributionMath.LinearShare(n), PostAt(i).Country);
            }

            for (var i = 0; i < n; i++)
            {
                yield return (Key(PostAt(i), AttributionModels.TimeDecay), TimeDecay?[i] ?? AttributionMath.LinearShare(n), PostAt(i).Country);
            }

            for (var i = 0; i < n; i++)
            {
                yield return (Key(PostAt(i), AttributionModels.PositionBased), AttributionMath.PositionBasedShare(i, n), PostAt(i).Country);
            }

            for (var i = 0; i < n; i++)
            {
                yield return (Key(PostAt(i), AttributionModels.DataDriven), KeepsDataDriven ? DataDrivenAt(i) : AttributionMath.LinearShare(n), PostAt(i).Country);
            }
        }

        if (Direct is { } owner)
        {
            yield return (new CreditKey(owner.CampaignId, owner.CreatorId, "", AttributionModels.Direct), 1.0, null);
        }
    }

    /// <summary>
    /// Counts <paramref name="count"/> for each of the order's assists: the creators of the journey but its last touch's,
    /// each once, in journey order. A journey is mostly a few touches, so "once" is a look back over the touches before,
    /// with nothing allocated (this runs for every credited order); a long journey uses a set instead, so the look back
    /// never grows with the square of its length.
    /// </summary>
    public void CountAssists(AttributionDelta delta, long count)
    {
        if (Touches == 0)
        {
            return;
        }

        var last = CreatorAt(Touches - 1);
        var seen = Touches > MaxLookBack ? new HashSet<CreatorRef>() : null;
        for (var i = 0; i < Touches; i++)
        {
            var creator = CreatorAt(i);
            if (creator != last && (seen?.Add(creator) ?? !NamedBefore(creator, i)))
            {
                delta.Assist(creator, count);
            }
        }
    }

    private const int MaxLookBack = 16;

    private CreatorRef CreatorAt(int touch) => new(PostAt(touch).CampaignId, PostAt(touch).CreatorId);

    private bool NamedBefore(CreatorRef creator, int touch)
    {
        for (var j = 0; j < touch; j++)
        {
            if (CreatorAt(j) == creator)
            {
                return true;
            }
        }

        return false;
    }

    // Each post once (by reference: the journey's posts are the attributor's shared instances) and each touchpoint's
    // place among them; the touchpoints' own posts when every one is a different post, or more than a byte can name.
    private static (TouchedPost[] Posts, byte[]? At) Index(ReadOnlySpan<TouchedPost> posts)
    {
        if (posts.Length <= 1)
        {
            return (posts.ToArray(), null);
        }

        Span<int> firsts = stackalloc int[MaxIndexedPosts]; // the touchpoint that first named each post
        var at = new byte[posts.Length];
        var distinct = 0;
        for (var i = 0; i < posts.Length; i++)
        {
            var place = 0;
            while (place < distinct && !ReferenceEquals(posts[firsts[place]], posts[i]))
            {
                place++;
            }

            if (place == distinct)
            {
                if (distinct == MaxIndexedPosts)
                {
                    return (posts.ToArray(), null);
                }

                firsts[distinct++] = i;
            }

            at[i] = (byte)place;
        }

        if (distinct == posts.Length)
        {
            return (posts.ToArray(), null); // nothing repeats: the index would only add a byte a touchpoint
        }

        var kept = new TouchedPost[distinct];
        for (var place = 0; place < distinct; place++)
        {
            kept[place] = posts[firsts[place]];
        }

        return (kept, at);
    }

    // Data-driven's shares one per post, when every touchpoint of a post has the same share bit for bit (as the model
    // gives: a creator's share split evenly over its touchpoints); null when one differs.
    private static double[]? PerPost(ReadOnlySpan<double> shares, byte[] at, int posts)
    {
        var perPost = new double[posts];
        var firstUnseen = 0; // posts are numbered in the order first touched, so a touchpoint naming this one is its post's first
        for (var i = 0; i < shares.Length; i++)
        {
            if (at[i] == firstUnseen)
            {
                perPost[firstUnseen++] = shares[i];
            }
            else if (BitConverter.DoubleToInt64Bits(perPost[at[i]]) != BitConverter.DoubleToInt64Bits(shares[i]))
            {
                return null;
            }
        }

        return perPost;
    }

    /// <summary>
    /// A model's shares as kept: null when every share is bit for bit linear's, so a journey whose touchpoints weigh the
    /// same (one touchpoint, equal times, the data-driven fallback) keeps nothing for the model.
    /// </summary>
    public static double[]? Keep(IReadOnlyList<Credit> shares) => Keep([.. shares.Select(c => c.Share)]);

    /// <inheritdoc cref="Keep(IReadOnlyList{Credit})"/>
    public static double[]? Keep(ReadOnlySpan<double> shares) => IsLinear(shares) ? null : shares.ToArray();

    /// <summary>Whether every share is bit for bit linear's, so that nothing need be kept for the model.</summary>
    public static bool IsLinear(ReadOnlySpan<double> shares)
    {
        var linear = AttributionMath.LinearShare(shares.Length);
        foreach (var share in shares)
        {
            if (BitConverter.DoubleToInt64Bits(share) != BitConverter.DoubleToInt64Bits(linear))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// An order kept as a list of credits (snapshot formats 2 and 3), made compact: the journey's posts are linear's
    /// credits in order. Checked: the compact record must give back exactly the listed credits.
    /// </summary>
    /// <param name="value">The order's value.</param>
    /// <param name="ts">When it converted.</param>
    /// <param name="credits">The listed credits, in the order <see cref="Credits"/> gives them.</param>
    /// <param name="shared">The attributor's shared post for (campaign, creator, content).</param>
    /// <exception cref="InvalidDataException">The list is not one a journey gives.</exception>
    public static OrderRecord FromListed(
        double value, long ts, IReadOnlyList<(CreditKey Key, double Share)> credits, Func<string, string, string, TouchedPost> shared)
    {
        Credit[] Of(string model) =>
            [.. credits.Where(c => c.Key.Model == model).Select(c => new Credit(c.Key.CampaignId, c.Key.CreatorId, c.Key.ContentId, c.Share))];

        var linear = Of(AttributionModels.Linear);
        var posts = linear.Select(c => shared(c.CampaignId, c.CreatorId, c.ContentId)).ToArray();
        CreatorRef? direct = null;
        foreach (var (key, _) in credits.Where(c => c.Key.Model == AttributionModels.Direct))
        {
            direct = new CreatorRef(key.CampaignId, key.CreatorId);
        }

        var timeDecay = Of(AttributionModels.TimeDecay);
        var dataDriven = Of(AttributionModels.DataDriven);
        if (timeDecay.Length != posts.Length || dataDriven.Length != posts.Length)
        {
            throw new InvalidDataException("an order's listed credits are not those of a journey (a model without one credit per touchpoint)");
        }

        var record = new OrderRecord(value, ts, posts, posts.Length > 0 ? Keep(timeDecay) : null, posts.Length > 0 ? Keep(dataDriven) : null, direct);
        if (!record.Credits().Select(c => (c.Key, c.Share)).SequenceEqual(credits, SameCredit.Instance))
        {
            throw new InvalidDataException("an order's listed credits are not those of a journey");
        }

        return record;
    }

    private static CreditKey Key(TouchedPost post, string model) => new(post.CampaignId, post.CreatorId, post.ContentId, model);

    /// <summary>Equal keys and shares equal bit for bit.</summary>
    private sealed class SameCredit : IEqualityComparer<(CreditKey Key, double Share)>
    {
        public static readonly SameCredit Instance = new();

        public bool Equals((CreditKey Key, double Share) x, (CreditKey Key, double Share) y) =>
            x.Key == y.Key && BitConverter.DoubleToInt64Bits(x.Share) == BitConverter.DoubleToInt64Bits(y.Share);

        public int GetHashCode((CreditKey Key, double Share) obj) => HashCode.Combine(obj.Key, obj.Share);
    }
}
