using CreatorStream.Core.Attribution;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// Credits conversions to creators under every model of docs/design.md, "Attribution" and turns refunds into exact reversals.
/// It keeps users' journeys, each campaign's Markov chain (for data-driven credit, maintained as journeys grow and
/// convert) and a memory of orders (for refunds). Called by the processor in event-time order of conversions, once the
/// watermark has passed them, so every earlier touchpoint has arrived. Deterministic; mutable; not thread-safe.
/// </summary>
public sealed class ConversionAttributor
{
    /// <summary>How long an order is remembered for a refund: 90 days of event time, a typical returns window.</summary>
    public static readonly TimeSpan OrderMemory = TimeSpan.FromDays(90);

    private const int MaxSharedPosts = 65_536;

    private readonly CampaignCatalog _catalog;
    private readonly Dictionary<string, List<CampaignConfig>> _campaignsByBrand = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CampaignConfig[]> _ownScope = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Brand, string Code), CreatorRef> _promoCodes = [];
    private readonly Dictionary<(string Brand, string Link), CreatorRef> _links = [];
    private readonly Dictionary<string, MarkovChain> _chains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lookbackMs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Minute, IReadOnlyDictionary<string, double> Effects)> _effects = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Brand, string Order), OrderRecord> _orders = [];
    private readonly Queue<(string Brand, string Order, long Ts)> _orderArrivals = new();
    private readonly CustomerLedger _customers = new();
    private readonly Dictionary<ulong, SharedPost> _touchedPosts = []; // by the post's key (AudienceEvent.PostKey)
    private readonly UserJourneys _journeys;

    // Scratch for one conversion at a time (the attributor is single-threaded): no list, closure or iterator per
    // touchpoint or per conversion on the hot path (issue 19).
    private readonly List<Touchpoint> _inScope = [];
    private readonly List<string> _journeyCampaigns = [];
    private readonly Dictionary<string, double> _journeyEffects = new(StringComparer.Ordinal); // scratch: a conversion's removal effects by creator
    private readonly Dictionary<string, (double Effect, int Touchpoints)> _creatorEffects = new(StringComparer.Ordinal); // scratch of AttributionMath.DataDrivenShares
    private double[] _shares = []; // scratch: a conversion's shares under one model, before OrderRecord.Keep
    private TouchedPost[] _journeyPosts = []; // scratch: a conversion's journey's posts, before the order keeps each once
    private readonly List<string> _path = [];
    // The (campaign, creator) pairs the order Apply last handled credits under any model, each once, in credit order.
    private readonly List<CreatorRef> _creditedPairs = [];

    /// <param name="catalog">The campaigns.</param>
    /// <param name="allowedLateness">
    /// How late an event may still arrive (the processor's allowed lateness): journeys are kept that much beyond the
    /// longest lookback, so an open path is only forgotten once no event that could still arrive would continue it.
    /// </param>
    public ConversionAttributor(CampaignCatalog catalog, TimeSpan allowedLateness = default)
    {
        _catalog = catalog;
        foreach (var campaign in catalog.Campaigns)
        {
            if (!_campaignsByBrand.TryGetValue(campaign.BrandId, out var campaigns))
            {
                _campaignsByBrand[campaign.BrandId] = campaigns = [];
            }

            campaigns.Add(campaign);
            _ownScope[campaign.CampaignId] = [campaign];
            _chains[campaign.CampaignId] = new MarkovChain();
            _lookbackMs[campaign.CampaignId] = (long)TimeSpan.FromDays(campaign.Attribution.LookbackDays).TotalMilliseconds;
            foreach (var creator in campaign.Creators)
            {
                var owner = new CreatorRef(campaign.CampaignId, creator.CreatorId);
                foreach (var code in creator.PromoCodes)
                {
                    _promoCodes.TryAdd((campaign.BrandId, code), owner); // first in configuration order wins
                }

                foreach (var link in creator.Links)
                {
                    _links.TryAdd((campaign.BrandId, link), owner);
                }
            }
        }

        var longestLookback = catalog.Campaigns.Max(c => c.Attribution.LookbackDays);
        _journeys = new UserJourneys(TimeSpan.FromDays(longestLookback) + allowedLateness);
    }

    public int Users => _journeys.Users;

    /// <summary>Hints the cache at the user's journey record, which <see cref="Touch(AudienceEvent)"/> and <see cref="Chain"/> of <paramref name="e"/> read (<see cref="JourneyTable.Prefetch"/>).</summary>
    public void Prefetch(AudienceEvent e, int stage) => _journeys.Prefetch(HashedId.UserOf(e), stage);

    /// <summary>
    /// The posts of the journey of the last order <see cref="Convert"/> credited, in the order first touched, each once
    /// as the order keeps them (<see cref="OrderRecord.Posts"/>; empty when it had no touchpoint in its lookback): whether
    /// a code's creator had touched the buyer (docs/design.md, "Estimates", code leaks).
    /// </summary>
    public IReadOnlyList<TouchedPost> LastJourney { get; private set; } = [];

    /// <summary>The order <see cref="Convert"/> last credited (null before any): what commission ledgers read.</summary>
    internal OrderRecord? LastOrder { get; private set; }

    /// <summary>The share of its order's value the refund <see cref="Convert"/> last took back (0 to 1).</summary>
    public double LastRefundShare { get; private set; }

    /// <summary>Users with an open (not yet converted) path in some campaign's Markov chain.</summary>
    public int OpenPaths => _journeys.OpenPaths;

    /// <summary>The creators of a user's open path in a campaign, in order (empty without one), for tests.</summary>
    internal string[] OpenPathOf(string userId, string campaignId) =>
        _journeys.PathOf(HashedId.Of(userId), campaignId) is { } path ? path.Creators.ToArray() : [];

    /// <summary>A user's journey as it stands (a view), for tests.</summary>
    internal IReadOnlyList<Touchpoint> JourneyOf(string userId) => _journeys.Of(userId);

    /// <summary>A campaign's Markov chain, for tests.</summary>
    internal MarkovChain ChainOf(string campaignId) => _chains[campaignId];

    /// <summary>Records an impression, engagement or click as a touchpoint of its user's journey, as it arrives.</summary>
    public void Touch(AudienceEvent e) => Touch(e, e.IdKey);

    /// <summary>As <see cref="Touch(AudienceEvent)"/>, with the event id's key the caller already made (the processor's dedup did).</summary>
    internal void Touch(AudienceEvent e, EventIdKey eventKey)
    {
        var kind = e switch { Impression => TouchKind.View, Engagement => TouchKind.Engage, _ => TouchKind.Click };
        // Campaign, creator and post ids come shared from the decoder's pool (Decoding.IdPool), so a 30-day journey holds
        // references, not copies; the user's id is its key (no string for a short id or a UUID).
        _journeys.Add(HashedId.UserOf(e), new Touchpoint(Shared(e.PostKey, e.CampaignId, e.CreatorId, e.ContentId, e.Country).SourceOf(kind, e.Platform, eventKey), e.Ts, eventKey));
    }

    /// <summary>How long before a session began a click of its link may have started it (the join without a click id).</summary>
    public const long SessionLinkWindowMs = 30 * 60_000;

    /// <summary>
    /// Finds the click that started a site session (docs/design.md, "Outcomes", referral quality): the user's click whose
    /// event id is the session's <c>click_event_id</c>; without one, the user's latest click of the creator that owns
    /// the session's <c>link_id</c> within <see cref="SessionLinkWindowMs"/> before the session began. Only clicks at or
    /// before the session's own time are candidates: when the watermark passes the session, all of those have arrived
    /// (late ones aside), so the join does not depend on how partitions interleaved.
    /// </summary>
    public Outcomes.SessionJoin JoinSession(SiteSession session, out Touchpoint click)
    {
        click = default;
        var touches = _journeys.Of(HashedId.UserOf(session));
        if (session.ClickEventId is { } clickId)
        {
            var key = EventIdKey.Of(clickId);
            for (var i = touches.Count - 1; i >= 0; i--)
            {
                var t = touches[i];
                if (t.Kind == TouchKind.Click && t.Ts <= session.Ts && t.EventKey.Equals(key))
                {
                    click = t;
                    return Outcomes.SessionJoin.ByClickId;
                }
            }

            return Outcomes.SessionJoin.UnknownClick;
        }

        if (session.LinkId is { } link && _links.TryGetValue((session.BrandId, link), out var owner))
        {
            var found = false;
            for (var i = 0; i < touches.Count; i++)
            {
                var t = touches[i];
                if (t.Kind == TouchKind.Click && t.Ts <= session.StartedAt && t.Ts >= session.StartedAt - SessionLinkWindowMs
                    && string.Equals(t.CreatorId, owner.CreatorId, StringComparison.Ordinal)
                    && string.Equals(t.CampaignId, owner.CampaignId, StringComparison.Ordinal)
                    && (!found || t.Ts > click.Ts || (t.Ts == click.Ts && t.EventKey.CompareTo(click.EventKey) > 0)))
                {
                    click = t;
                    found = true;
                }
            }

            if (found)
            {
                return Outcomes.SessionJoin.ByLink;
            }
        }

        return Outcomes.SessionJoin.Unmatched;
    }

    private SharedPost Shared(string campaignId, string creatorId, string contentId, string? country) =>
        Shared(Authenticity.KeyHash.Post(campaignId, creatorId, contentId), campaignId, creatorId, contentId, country);

    // One instance per post and country for every journey that touches it, found by the post's key made with the event;
    // past MaxSharedPosts (only a flood of unknown content ids or countries gets there), or in the rare case that two
    // keys collide, a touch keeps its own, as before.
    private SharedPost Shared(ulong postKey, string campaignId, string creatorId, string contentId, string? country)
    {
        var key = country is null ? postKey : Authenticity.KeyHash.Combine(postKey, Authenticity.KeyHash.Of(country));
        if (_touchedPosts.TryGetValue(key, out var shared))
        {
            var post = shared.Post;
            return post.CampaignId == campaignId && post.CreatorId == creatorId && post.ContentId == contentId && post.Country == country
                ? shared
                : new SharedPost(new TouchedPost(campaignId, creatorId, contentId, country), pooled: false);
        }

        var pooled = _touchedPosts.Count < MaxSharedPosts;
        var added = new SharedPost(new TouchedPost(campaignId, creatorId, contentId, country), pooled);
        if (pooled)
        {
            _touchedPosts.Add(key, added);
        }

        return added;
    }

    /// <summary>
    /// Adds a touchpoint to its campaign's Markov chain (the user's open path grows). Called in event-time order, once
    /// the watermark has passed the touchpoint, interleaved with conversions: so the chain a conversion's data-driven
    /// credit reads holds exactly the events up to it, however partitions interleaved on arrival.
    /// </summary>
    public void Chain(AudienceEvent e)
    {
        // The user's open (not yet converted) path in this campaign grows: move its weight in the chain. A user away for
        // longer than the lookback starts a new path, as every other model starts a new journey; the old one stays in
        // the chain as a journey that did not convert. Judged by event times only, so live and replay agree.
        // The path lives in the user's journey record (kept until the user converts or is forgotten), found by one lookup.
        ref var path = ref _journeys.Path(HashedId.UserOf(e), e.CampaignId);
        var (chain, lookbackMs) = ChainOf(e);
        if (path.ExpiredAt(e.Ts, lookbackMs))
        {
            path.Release(_journeys.PathArrays);
        }

        path.LastTs = Math.Max(path.LastTs, e.Ts);
        if (path.Last is { } last && string.Equals(last, e.CreatorId, StringComparison.Ordinal))
        {
            return;
        }

        // By states: the path keeps its last one, so a move looks up one creator id, not two (docs/design.md, "Per-event cost").
        var next = chain.StateOf(e.CreatorId);
        chain.Extend(path.LastState >= 0 ? path.LastState : chain.StateOf(path.Last!), next);
        path.Add(e.CreatorId, next, _journeys.PathArrays);
    }

    // The campaign of the last event chained, its chain and lookback: a worker's events come in runs of a campaign whose
    // id is one shared string, so these are found by its reference, not by hashing it (docs/design.md, "Per-event cost").
    // The tables are filled once, at construction, so what was found stays right.
    private string? _chainedCampaign;
    private MarkovChain? _chainedChain;
    private long _chainedLookbackMs;

    private (MarkovChain Chain, long LookbackMs) ChainOf(AudienceEvent e)
    {
        if (!ReferenceEquals(e.CampaignId, _chainedCampaign))
        {
            _chainedChain = _chains[e.CampaignId];
            _chainedLookbackMs = _lookbackMs[e.CampaignId];
            _chainedCampaign = e.CampaignId;
        }

        return (_chainedChain!, _chainedLookbackMs);
    }

    /// <summary>
    /// Credits a conversion, or reverses an earlier one for a refund; adds the changes to <paramref name="delta"/>. The
    /// campaigns a new order credits (under any model) are added to <paramref name="creditedCampaigns"/>, and its creators
    /// to <paramref name="creditedCreators"/>, and the posts of its journey (each credited under some model) to
    /// <paramref name="creditedPosts"/>, once each.
    /// </summary>
    public ConversionOutcome Convert(
        Conversion conversion,
        AttributionDelta delta,
        ICollection<string>? creditedCampaigns = null,
        ICollection<CreatorRef>? creditedCreators = null,
        List<TouchedPost>? creditedPosts = null)
    {
        return conversion.IsRefund ? Refund(conversion, delta) : Credit(conversion, delta, creditedCampaigns, creditedCreators, creditedPosts);
    }

    /// <summary>
    /// Forgets touchpoints and orders no lookback or refund can reach any more, and the open Markov paths of users whose
    /// journeys are gone (kept for the longest lookback plus the allowed lateness, so no event still to come could
    /// continue them: forgetting changes no figure). Without this a user who never converts kept an open path for ever:
    /// memory that grew with every user ever seen.
    /// </summary>
    public void Evict(long watermark)
    {
        _journeys.Evict(watermark); // a user left with no touches goes with the user's open paths
        if (watermark == long.MinValue)
        {
            return;
        }

        var cutoff = watermark - (long)OrderMemory.TotalMilliseconds;
        while (_orderArrivals.TryPeek(out var oldest) && oldest.Ts < cutoff)
        {
            _orderArrivals.Dequeue();
            _orders.Remove((oldest.Brand, oldest.Order));
        }

        _customers.Evict(watermark);
    }

    private ConversionOutcome Credit(
        Conversion conversion, AttributionDelta delta, ICollection<string>? creditedCampaigns, ICollection<CreatorRef>? creditedCreators, List<TouchedPost>? creditedPosts)
    {
        var scope = Scope(conversion);
        var journey = Touchpoints(conversion, scope);
        Journey.BuildInPlace(journey, conversion.Ts, TimeSpan.MaxValue); // the scratch list is now the journey, until the next conversion
        var posts = Posts(journey.Count);
        double[]? timeDecay = null;
        var dataDriven = Span<double>.Empty;
        if (journey.Count > 0)
        {
            // The chain that data-driven credit reads includes this journey, now converted.
            Converted(HashedId.UserOf(conversion), conversion.Ts, journey);
            var halfLife = TimeSpan.FromHours(SettingsFor(conversion, journey).TimeDecayHalfLifeHours);
            for (var i = 0; i < posts.Length; i++)
            {
                posts[i] = journey[i].Post;

                // Every post of the journey is credited under some model (linear gives each a share); once, whatever
                // countries its touches came from.
                if (creditedPosts is not null && !HasPost(creditedPosts, posts[i]))
                {
                    creditedPosts.Add(posts[i]);
                }
            }

            // The other journey models' shares follow from the journey's length (OrderRecord computes them again).
            var shares = Shares(journey.Count);
            AttributionMath.TimeDecayShares(journey, halfLife, shares);
            timeDecay = OrderRecord.Keep(shares);
            DataDrivenShares(journey, conversion.Ts, delta, shares);
            dataDriven = OrderRecord.IsLinear(shares) ? Span<double>.Empty : shares;
        }

        // A purchase with a customer id: acquiring, returning, or a repeat of an acquisition (docs/design.md, "Customer value").
        var purchase = conversion.Kind == Events.ConversionKind.Purchase && conversion.CustomerId is { } customer
            ? _customers.Observe(conversion.BrandId, customer, conversion.Ts, conversion.IsNewCustomer)
            : default;
        var record = new OrderRecord((double)conversion.Value, conversion.Ts, posts, timeDecay, dataDriven, !dataDriven.IsEmpty, DirectOwner(conversion))
        {
            Kind = conversion.Kind,
            IsNewCustomer = conversion.IsNewCustomer == true,
            Acquired = purchase.Acquiring is not null,
            IsReturning = purchase.Returning,
            RepeatOf = purchase.RepeatOf,
            Customer = purchase.RepeatOf is null ? null : conversion.CustomerId,
            RepeatWindows = purchase.Windows,
            FirstRepeatIn = purchase.FirstIn,
        };
        posts.Clear(); // the scratch holds no post past the conversion
        LastJourney = record.Posts;
        if (purchase.Acquiring is { } acquiring)
        {
            acquiring.Acquisition = record;
        }

        Apply(record, fraction: 1, delta, record.FirstRepeatIn);
        foreach (var pair in _creditedPairs)
        {
            if (creditedCampaigns is not null && !creditedCampaigns.Contains(pair.CampaignId))
            {
                creditedCampaigns.Add(pair.CampaignId);
            }

            creditedCreators?.Add(pair);
        }

        Remember(conversion, record);
        LastOrder = record;
        return record.IsAttributed ? ConversionOutcome.Attributed : ConversionOutcome.Unattributed;
    }

    private ConversionOutcome Refund(Conversion refund, AttributionDelta delta)
    {
        if (!_orders.TryGetValue((refund.BrandId, refund.OrderId), out var order) || order.Value <= 0)
        {
            return ConversionOutcome.UnknownOrder;
        }

        // A refund of part of an order reverses that part of everything the order was credited with; never more than all.
        var fraction = Math.Min((double)-refund.Value / order.Value, 1 - order.RefundedShare);
        var wasWhole = order.RefundedShare >= 1;
        order.RefundedShare += fraction;
        LastRefundShare = fraction;
        order.RefundedShare = order.RefundedShare >= 1 - 1e-9 ? 1 : order.RefundedShare; // whole once: a later refund finds nothing left
        Apply(order, -fraction, delta, order.RepeatOf is null ? (byte)0 : _customers.Refund(refund.BrandId, order, fraction));
        if (!wasWhole && order.RefundedShare >= 1 - 1e-9)
        {
            order.CountAssists(delta, -1); // assists are whole: taken back when the order is refunded in full
        }

        return ConversionOutcome.Refunded;
    }

    /// <summary>
    /// A lead update (docs/design.md, "Outcomes", leads): the lead it names takes its status if it is the newest update, and
    /// the lead's credit under every model (what refunds left of it) moves into or out of the qualified and won figures.
    /// </summary>
    public ConversionOutcome UpdateLead(Events.LeadUpdate update, AttributionDelta delta)
    {
        if (!_orders.TryGetValue((update.BrandId, update.OrderId), out var order))
        {
            return ConversionOutcome.UnknownOrder;
        }

        if (order.Kind != Events.ConversionKind.Lead)
        {
            return ConversionOutcome.NotALead;
        }

        var before = order.LeadStatus;
        if (!order.TryUpdateStatus(update.Status, update.Ts, update.EventId))
        {
            return ConversionOutcome.LeadUpdateSuperseded;
        }

        var qualified = Step(Events.LeadUpdate.IsQualified(before), Events.LeadUpdate.IsQualified(order.LeadStatus));
        var won = Step(before == Events.LeadStatus.Won, order.LeadStatus == Events.LeadStatus.Won);
        var remaining = 1 - order.RefundedShare;
        if ((qualified != 0 || won != 0) && remaining > 0)
        {
            foreach (var (key, share, _) in order.Credits())
            {
                var credit = share * remaining;
                delta.CreditKind(new KindCreditKey(key.CampaignId, key.CreatorId, Events.ConversionKind.Lead, key.Model), 0, 0, 0, credit * qualified, credit * won);
            }
        }

        return ConversionOutcome.LeadUpdated;

        static int Step(bool before, bool after) => (after ? 1 : 0) - (before ? 1 : 0);
    }

    /// <param name="order">The order.</param>
    /// <param name="fraction">1 when credited; minus the part refunded.</param>
    /// <param name="delta">Where the credit goes.</param>
    /// <param name="repeatCustomersIn">For a repeat, the windows whose repeating customer this credit adds (a first
    /// repeat there) or, refunded, takes away (nothing of their repeats there is left).</param>
    private void Apply(OrderRecord order, double fraction, AttributionDelta delta, byte repeatCustomersIn)
    {
        _creditedPairs.Clear();

        // A repeat purchase counts for whoever acquired its customer, at their shares of the acquiring order, whether or
        // not anything tracked led to the repeat itself.
        if (order.RepeatOf is { } acquisition)
        {
            foreach (var (key, share, _) in acquisition.Credits())
            {
                delta.CreditRepeat(
                    new KindCreditKey(key.CampaignId, key.CreatorId, Events.ConversionKind.Purchase, key.Model),
                    order.RepeatWindows,
                    repeatCustomersIn,
                    Math.Sign(fraction) * share,
                    share * fraction * order.Value);
            }
        }

        if (!order.IsAttributed)
        {
            delta.Unattributed.Add(fraction, fraction * order.Value);
            return;
        }

        foreach (var (key, share, country) in order.Credits())
        {
            delta.Credit(key, share * fraction, share * fraction * order.Value);
            if (country is not null)
            {
                delta.CreditCountry(new CountryCreditKey(key.CampaignId, key.ContentId, country, key.Model), share * fraction, share * fraction * order.Value);
            }

            if (order.Kind is { } kind)
            {
                delta.CreditKind(
                    new KindCreditKey(key.CampaignId, key.CreatorId, kind, key.Model),
                    share * fraction,
                    share * fraction * order.Value,
                    order.IsNewCustomer ? share * fraction : 0,
                    Events.LeadUpdate.IsQualified(order.LeadStatus) ? share * fraction : 0,
                    order.LeadStatus == Events.LeadStatus.Won ? share * fraction : 0);
                if (order.Acquired || order.IsReturning)
                {
                    var credit = share * fraction;
                    delta.CreditCustomers(
                        new KindCreditKey(key.CampaignId, key.CreatorId, kind, key.Model),
                        order.Acquired && fraction > 0 ? credit : 0, // a refund takes back the revenue, not the customer brought
                        order.Acquired ? credit * order.Value : 0,
                        order.IsReturning ? credit : 0,
                        order.RepeatOf is not null ? credit * order.Value : 0);
                }
            }

            var pair = new CreatorRef(key.CampaignId, key.CreatorId);
            if (!_creditedPairs.Contains(pair))
            {
                _creditedPairs.Add(pair);
            }
        }

        if (order.Kind is { } orderKind)
        {
            CountOrder(orderKind, fraction, fraction * order.Value, delta);
        }

        if (fraction > 0)
        {
            order.CountAssists(delta, 1);
        }
    }

    /// <summary>
    /// The order Apply handled counts once for each campaign and each creator any model credits it to
    /// (<see cref="_creditedPairs"/>); a refund (a negative <paramref name="fraction"/>) takes back its share of the value,
    /// not the order (docs/design.md, "Outcomes").
    /// </summary>
    private void CountOrder(Events.ConversionKind kind, double fraction, double value, AttributionDelta delta)
    {
        var count = fraction > 0 ? 1 : 0;
        for (var i = 0; i < _creditedPairs.Count; i++)
        {
            var pair = _creditedPairs[i];
            delta.CountOrder(new OrderKey(pair.CampaignId, pair.CreatorId, kind), count, value);
            if (IsCampaignsFirstPair(i))
            {
                delta.CountOrder(OrderKey.Campaign(pair.CampaignId, kind), count, value);
            }
        }
    }

    /// <summary>Whether no pair before <paramref name="index"/> is of the same campaign: the campaign counts the order there, once.</summary>
    private bool IsCampaignsFirstPair(int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (string.Equals(_creditedPairs[i].CampaignId, _creditedPairs[index].CampaignId, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void Remember(Conversion conversion, OrderRecord record)
    {
        _orders[(conversion.BrandId, conversion.OrderId)] = record;
        _orderArrivals.Enqueue((conversion.BrandId, conversion.OrderId, conversion.Ts));
    }

    /// <summary>The campaigns a conversion can credit: its own, or every campaign of its brand (docs/design.md, "Attribution").</summary>
    private IReadOnlyList<CampaignConfig> Scope(Conversion conversion) =>
        conversion.CampaignId is { } campaignId && _ownScope.TryGetValue(campaignId, out var own)
            ? own
            : _campaignsByBrand.GetValueOrDefault(conversion.BrandId) ?? [];

    /// <summary>The user's touchpoints in scope, each within its own campaign's lookback of the conversion.</summary>
    /// <remarks>Fills and returns a scratch list that the next call overwrites (a conversion's journey is built in it).</remarks>
    private List<Touchpoint> Touchpoints(Conversion conversion, IReadOnlyList<CampaignConfig> scope)
    {
        _inScope.Clear();
        var touches = _journeys.Of(HashedId.UserOf(conversion));
        for (var i = 0; i < touches.Count; i++)
        {
            var t = touches[i];
            if (_lookbackMs.TryGetValue(t.CampaignId, out var lookback) && t.Ts <= conversion.Ts && t.Ts >= conversion.Ts - lookback
                && Covers(scope, t.CampaignId))
            {
                _inScope.Add(t);
            }
        }

        return _inScope;
    }

    private static bool Covers(IReadOnlyList<CampaignConfig> scope, string campaignId)
    {
        for (var i = 0; i < scope.Count; i++)
        {
            if (string.Equals(scope[i].CampaignId, campaignId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The journey's campaigns in the order they first appear, in a scratch list the next call overwrites.</summary>
    private List<string> CampaignsOf(IReadOnlyList<Touchpoint> journey)
    {
        _journeyCampaigns.Clear();
        for (var i = 0; i < journey.Count; i++)
        {
            if (!_journeyCampaigns.Contains(journey[i].CampaignId))
            {
                _journeyCampaigns.Add(journey[i].CampaignId);
            }
        }

        return _journeyCampaigns;
    }

    /// <summary>The settings time decay uses: the conversion's campaign, or for a brand-wide journey the campaign of its last touch.</summary>
    private AttributionSettings SettingsFor(Conversion conversion, IReadOnlyList<Touchpoint> journey) =>
        _catalog.TryGet(conversion.CampaignId ?? journey[^1].CampaignId, out var campaign) ? campaign.Attribution : new AttributionSettings();

    /// <summary>
    /// Data-driven shares from each campaign's chain, written into <paramref name="shares"/>; linear's (and flagged as a
    /// fallback) while any campaign in the journey has fewer converting journeys than its <c>data_driven_min_conversions</c>.
    /// </summary>
    private void DataDrivenShares(IReadOnlyList<Touchpoint> journey, long ts, AttributionDelta delta, Span<double> shares)
    {
        var effects = _journeyEffects;
        effects.Clear();
        var fallback = false;
        foreach (var campaignId in CampaignsOf(journey))
        {
            _catalog.TryGet(campaignId, out var campaign);
            var chain = _chains[campaignId];
            var tooFew = chain.Conversions < campaign.Attribution.DataDrivenMinConversions;
            delta.DataDrivenFallback[campaignId] = tooFew;
            fallback |= tooFew;
            if (!tooFew)
            {
                foreach (var (creator, effect) in RemovalEffects(campaignId, chain, ts))
                {
                    effects[creator] = Math.Max(effects.GetValueOrDefault(creator), effect);
                }
            }
        }

        if (fallback)
        {
            AttributionMath.LinearShares(shares[..journey.Count]);
        }
        else
        {
            AttributionMath.DataDrivenShares(journey, effects, shares, _creatorEffects);
        }
    }

    /// <summary>A scratch span of <paramref name="n"/> journey posts (emptied after each conversion; the next call overwrites it).</summary>
    private Span<TouchedPost> Posts(int n)
    {
        if (_journeyPosts.Length < n)
        {
            _journeyPosts = new TouchedPost[Math.Max(n, _journeyPosts.Length * 2)];
        }

        return _journeyPosts.AsSpan(0, n);
    }

    /// <summary>A scratch span of <paramref name="n"/> shares (the next conversion's call overwrites it).</summary>
    private Span<double> Shares(int n)
    {
        if (_shares.Length < n)
        {
            _shares = new double[Math.Max(n, _shares.Length * 2)];
        }

        return _shares.AsSpan(0, n);
    }

    /// <summary>
    /// The chain's removal effects for a conversion at <paramref name="ts"/>: solved at most once per event-time minute
    /// and campaign, at the minute's first data-driven conversion, and reused by the rest of that minute's. Each solve
    /// inverts an n×n matrix for n creators (O(n³): 15–30 ms at 300 creators, 110 ms at 500) and every touch changes
    /// the chain, so solving per conversion cost 49 of 62 s with 1,000 creators a campaign (issue 8). Decided by event
    /// time, so live and replay still agree; effects move slowly, so a minute-old chain changes credit very little.
    /// </summary>
    private IReadOnlyDictionary<string, double> RemovalEffects(string campaignId, MarkovChain chain, long ts)
    {
        var minute = EventTime.BucketStart(ts);
        if (_effects.TryGetValue(campaignId, out var cached) && cached.Minute == minute)
        {
            return cached.Effects;
        }

        var effects = chain.RemovalEffects();
        _effects[campaignId] = (minute, effects);
        return effects;
    }

    /// <summary>The journey converted: in each of its campaigns the path now ends in CONVERSION, and a new one starts.</summary>
    private void Converted(HashedId userId, long ts, IReadOnlyList<Touchpoint> journey)
    {
        foreach (var campaignId in CampaignsOf(journey))
        {
            // The open path becomes this converting one, unless it expired: then it stays a journey that did not convert.
            var chain = _chains[campaignId];
            _path.Clear(); // MarkovChain.Add reads the path and keeps nothing of it
            if (_journeys.RemovePath(userId, campaignId, out var open))
            {
                if (open.Count > 0 && !open.ExpiredAt(ts, _lookbackMs[campaignId]))
                {
                    _path.AddRange(open.Creators);
                    chain.Add(_path, converted: false, weight: -1);
                    _path.Clear();
                }

                open.Release(_journeys.PathArrays); // taken out of the journey: this copy is the only one
            }

            for (var i = 0; i < journey.Count; i++)
            {
                var touch = journey[i];
                if (string.Equals(touch.CampaignId, campaignId, StringComparison.Ordinal) && (_path.Count == 0 || _path[^1] != touch.CreatorId))
                {
                    _path.Add(touch.CreatorId);
                }
            }

            chain.Add(_path, converted: true);
        }
    }

    /// <summary>The creator whose promo code the conversion carries, within its campaign scope; null without one.</summary>
    public CreatorRef? CodeOwner(Conversion conversion) =>
        conversion.PromoCode is { } code && _promoCodes.TryGetValue((conversion.BrandId, code), out var byCode) && InScope(conversion, byCode) ? byCode : null;

    private CreatorRef? DirectOwner(Conversion conversion)
    {
        if (CodeOwner(conversion) is { } byCode)
        {
            return byCode;
        }

        return conversion.LinkId is { } link && _links.TryGetValue((conversion.BrandId, link), out var byLink) && InScope(conversion, byLink) ? byLink : null;
    }

    private static bool InScope(Conversion conversion, CreatorRef owner) => conversion.CampaignId is null || conversion.CampaignId == owner.CampaignId;

    /// <summary>
    /// Writes the attributor's state (docs/design.md, "Recovery"): journeys, chains, open paths, the removal effects solved
    /// this minute (kept, so later credit in the minute reads the same), orders and their arrival order. What the catalog
    /// gives (codes, links, lookbacks) is rebuilt by the constructor.
    /// </summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        _journeys.Save(writer);
        SaveChains(writer);
        _journeys.SavePaths(writer);
        SaveOrders(writer);
    }

    /// <summary>
    /// <see cref="Save"/>'s bytes as parts of <paramref name="capture"/> (decision 0033): the journeys and open paths,
    /// most of the bytes, frozen for later; the chains, orders and customers written now.
    /// </summary>
    public void Capture(Snapshots.SnapshotCapture capture)
    {
        capture.Later(_journeys.FreezeWithPaths(capture, out var paths));
        capture.Now(SaveChains);
        capture.Later(paths);
        capture.Now(SaveOrders);
    }

    private void SaveChains(Snapshots.SnapshotWriter writer)
    {
        foreach (var campaign in _chains.Keys.Order(StringComparer.Ordinal))
        {
            _chains[campaign].Save(writer);
        }
    }

    private void SaveOrders(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_effects, static (w, campaign) => w.Write(campaign), static (w, solved) =>
        {
            w.Write(solved.Minute);
            w.Write(solved.Effects, static (e, creator) => e.Write(creator), static (e, effect) => e.Write(effect));
        });
        writer.Write(_orders.Count);
        foreach (var ((brand, order), record) in _orders)
        {
            writer.WritePair(brand, order);
            WriteOrder(writer, record);
        }

        writer.Write(_orderArrivals.Count);
        foreach (var (brand, order, ts) in _orderArrivals)
        {
            writer.Write(brand);
            writer.Write(order);
            writer.Write(ts);
        }

        _customers.Save(writer, WriteOrder);
    }

    /// <summary>One order in full: its value, time, refunded share, journey and shares, kind, customer and lead status.</summary>
    private static void WriteOrder(Snapshots.SnapshotWriter writer, OrderRecord record)
    {
        writer.Write(record.Value);
        writer.Write(record.Ts);
        writer.Write(record.RefundedShare);
        // Each touchpoint's post and shares, as before orders kept each post once: the bytes do not depend on the layout.
        writer.Write(record.Touches);
        for (var i = 0; i < record.Touches; i++)
        {
            var post = record.PostAt(i);
            writer.Write(post.CampaignId);
            writer.Write(post.CreatorId);
            writer.Write(post.ContentId);
            writer.Write(post.Country);
        }

        WriteShares(writer, record.TimeDecay);
        writer.Write(record.KeepsDataDriven);
        if (record.KeepsDataDriven)
        {
            writer.Write(record.Touches);
            for (var i = 0; i < record.Touches; i++)
            {
                writer.Write(record.DataDrivenAt(i));
            }
        }

        writer.Write(record.Direct is not null);
        if (record.Direct is { } direct)
        {
            writer.WritePair(direct.CampaignId, direct.CreatorId);
        }

        writer.Write(record.Kind is { } kind ? (int)kind : -1);
        writer.Write(record.IsNewCustomer);
        writer.Write(record.Acquired);
        writer.Write(record.IsReturning);
        writer.Write(record.RepeatWindows);
        writer.Write(record.FirstRepeatIn);
        writer.Write(record.RepeatOf is not null);
        if (record.RepeatOf is { } acquisition)
        {
            writer.Write(record.Customer ?? "");
            WriteOrder(writer, acquisition); // never itself a repeat: one level deep
        }

        writer.Write(record.StatusSetBy is not null);
        if (record.StatusSetBy is { } setBy)
        {
            writer.Write((byte)record.LeadStatus);
            writer.Write(setBy.Ts);
            writer.Write(setBy.EventId);
        }
    }

    /// <summary>
    /// Reads into this fresh attributor (made from the same catalog) what <see cref="Save"/> wrote, in the brand task's
    /// snapshot <paramref name="format"/> (orders were kept as credit lists before format <see cref="CompactOrdersFormat"/>).
    /// </summary>
    public void Load(Snapshots.SnapshotReader reader, byte format = Dataflow.BrandTask.SnapshotFormat)
    {
        reader.Format = format;
        _journeys.Load(reader, Shared);
        foreach (var campaign in _chains.Keys.Order(StringComparer.Ordinal).ToList())
        {
            _chains[campaign].Load(reader);
        }

        _journeys.LoadPaths(reader);
        reader.Into(_effects, static r => r.String(), static r =>
        {
            var minute = r.Long();
            var effects = new Dictionary<string, double>(StringComparer.Ordinal);
            r.Into(effects, static e => e.String(), static e => e.Double());
            return (minute, (IReadOnlyDictionary<string, double>)effects);
        });
        reader.Each(r =>
        {
            var key = (r.String(), r.String());
            _orders.Add(key, ReadFullOrder(r));
        });
        reader.Each(r => _orderArrivals.Enqueue((r.String(), r.String(), r.Long())));
        if (format >= Dataflow.BrandTask.CustomersFormat)
        {
            _customers.Load(reader, ReadFullOrder);
        }
    }

    /// <summary>What <see cref="WriteOrder"/> wrote (in older formats, what they wrote of an order).</summary>
    private OrderRecord ReadFullOrder(Snapshots.SnapshotReader reader)
    {
        var value = reader.Double();
        var ts = reader.Long();
        var refunded = reader.Double();
        var record = reader.Format >= CompactOrdersFormat ? ReadOrder(reader, value, ts) : ReadListedOrder(reader, value, ts);
        record.RefundedShare = refunded;
        return record;
    }

    /// <summary>The brand task's snapshot format from which orders are kept compact (<see cref="OrderRecord"/>).</summary>
    internal const byte CompactOrdersFormat = 4;

    private static void WriteShares(Snapshots.SnapshotWriter writer, double[]? shares)
    {
        writer.Write(shares is not null);
        if (shares is not null)
        {
            writer.Write(shares, static (w, share) => w.Write(share));
        }
    }

    private static double[]? ReadShares(Snapshots.SnapshotReader reader) => reader.Bool() ? [.. reader.List(static r => r.Double())] : null;

    private OrderRecord ReadOrder(Snapshots.SnapshotReader reader, double value, long ts)
    {
        var posts = reader.List(r => Shared(r.String(), r.String(), r.String(), r.Format >= Dataflow.BrandTask.CountriesFormat ? r.NullableString() : null).Post).ToArray();
        var timeDecay = ReadShares(reader);
        var dataDriven = ReadShares(reader);
        CreatorRef? direct = reader.Bool() ? new CreatorRef(reader.String(), reader.String()) : null;
        if (reader.Format < Dataflow.BrandTask.OutcomesFormat)
        {
            return new OrderRecord(value, ts, posts, timeDecay, dataDriven, direct);
        }

        var kind = reader.Int();
        var isNew = reader.Bool();
        var customers = reader.Format >= Dataflow.BrandTask.CustomersFormat;
        var (acquired, returning, windows, firstIn) = customers ? (reader.Bool(), reader.Bool(), reader.Byte(), reader.Byte()) : (false, false, (byte)0, (byte)0);
        var (customer, repeatOf) = customers && reader.Bool() ? (reader.String(), ReadFullOrder(reader)) : (null, null);
        var record = new OrderRecord(value, ts, posts, timeDecay, dataDriven, direct)
        {
            Kind = kind < 0 ? null : (Events.ConversionKind)kind,
            IsNewCustomer = isNew,
            Acquired = acquired,
            IsReturning = returning,
            RepeatOf = repeatOf,
            Customer = customer,
            RepeatWindows = windows,
            FirstRepeatIn = firstIn,
        };
        if (reader.Format >= Dataflow.BrandTask.LeadStatusFormat && reader.Bool())
        {
            record.TryUpdateStatus((Events.LeadStatus)reader.Byte(), reader.Long(), reader.String());
        }

        return record;
    }

    /// <summary>An order as formats 2 and 3 kept it (each credit listed, then the assists), made compact.</summary>
    private OrderRecord ReadListedOrder(Snapshots.SnapshotReader reader, double value, long ts)
    {
        var credits = reader.List(static c => (new CreditKey(c.String(), c.String(), c.String(), c.String()), c.Double()));
        _ = reader.List(static a => new CreatorRef(a.String(), a.String())); // the assists follow from the journey's posts
        return OrderRecord.FromListed(value, ts, credits, (campaign, creator, content) => Shared(campaign, creator, content, null).Post);
    }

    private static bool HasPost(List<TouchedPost> posts, TouchedPost post)
    {
        // Read as a span: a foreach through ICollection boxed the list's enumerator, once for every post of every journey
        // (9 % of what a long run allocated on one generated seed: docs/benchmarks.md, session 56).
        foreach (var held in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(posts))
        {
            if (held.ContentId == post.ContentId && held.CreatorId == post.CreatorId && held.CampaignId == post.CampaignId)
            {
                return true;
            }
        }

        return false;
    }
}
