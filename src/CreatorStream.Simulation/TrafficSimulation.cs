using System.Globalization;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Simulation;

/// <summary>
/// One enumeration of the generator: a discrete-event simulation in event time. Sessions arrive as a Poisson
/// process (base rate plus viral surges); everything else (later steps of a journey, posts going up, surge
/// steps, fake incidents) waits in a queue ordered by event time. Each event, once due, is given an arrival
/// time (its event time plus a jitter below <see cref="GeneratorOptions.OutOfOrderMs"/>, or plus two hours if
/// late) and leaves in arrival order as soon as nothing still to be made could arrive earlier. Memory is what is
/// pending: journeys under way, incidents under way, late events held back. Mutable; not thread-safe.
/// </summary>
internal sealed class TrafficSimulation
{
    // Two hours: past the 1 h allowed lateness (docs/design.md, "Event time") by a margin no watermark delay can eat.
    private const long LateByMs = 2 * 60 * 60 * 1_000;

    // Duplicates and malformed records are made from the last few hundred events: producer retries are recent.
    private const int RecentCapacity = 256;

    private readonly PriorityQueue<PendingItem, (long Ts, long Sequence)> _pending = new();
    private readonly PriorityQueue<OutgoingEvent, (long Arrival, long Sequence)> _outgoing = new();
    // Lead updates and site sessions: made outside the random stream and sent in arrival order among the rest (see Emit).
    private readonly PriorityQueue<StreamEvent, (long Arrival, long Sequence)> _sideEvents = new();
    private readonly Dictionary<string, string> _brandOfCampaign = new(StringComparer.Ordinal);
    private readonly GeneratedRecord[] _recent = new GeneratedRecord[RecentCapacity];
    private readonly GenuineTraffic _genuine;
    private readonly ViralSurges _surges;
    private readonly FakeIncidents? _fakes;
    private readonly string _idTag;
    private readonly double _lateProbability;
    private long _sequence;
    private long _eventIds;
    private long _orderIds;
    private double _sessionClock;
    private long _lastArrival = long.MinValue;
    private bool _rateChanged;
    private int _recentCount;
    private int _recentNext;
    private GeneratedRecord? _newest;

    public TrafficSimulation(GeneratorOptions options, SimulationWorld world, SimulationLog? log = null)
    {
        Options = options;
        World = world;
        Log = log;
        Random = new Prng(options.Seed, stream: 2);
        Now = options.StartMs;
        _idTag = ((uint)options.Seed).ToString("x", CultureInfo.InvariantCulture);

        // Late events are drawn from impressions, engagements and clicks, which are nearly every event, so the
        // rate is scaled up by the share of records that are neither duplicates nor malformed.
        _lateProbability = Math.Min(1, options.LateRate / Math.Max(1e-9, 1 - options.DuplicateRate - options.MalformedRate));
        foreach (var campaign in world.Campaigns)
        {
            _brandOfCampaign[campaign.Config.CampaignId] = campaign.Config.BrandId;
        }

        _genuine = new GenuineTraffic(this);
        _surges = new ViralSurges(this, _genuine.BaseRatePerMs);
        _fakes = options.Fakes ? new FakeIncidents(this) : null;
        Posts = new PostSchedule(this, post =>
        {
            _fakes?.Published(post);
            if (options.PostReports)
            {
                foreach (var report in PostReports.Of(post, world.Creators))
                {
                    EmitAside(report);
                }
            }
        });
    }

    public GeneratorOptions Options { get; }

    /// <summary>Where planted surges are recorded, if anyone asked.</summary>
    public SimulationLog? Log { get; }

    public SimulationWorld World { get; }

    public Prng Random { get; }

    /// <summary>The event time the simulation has reached.</summary>
    public long Now { get; private set; }

    public PostSchedule Posts { get; }

    public IEnumerable<GeneratedRecord> Run()
    {
        Posts.Start(Options.StartMs);
        _surges.Start(Options.StartMs);
        _fakes?.Start(Options.StartMs);
        _sessionClock = Options.StartMs; // the first session opens the run, so the first event is at StartMs

        for (long produced = 0; produced < Options.MaxEvents; produced++)
        {
            var roll = Random.NextDouble();
            if (_recentCount > 0 && roll < Options.MalformedRate)
            {
                var template = _recent[Random.Next(_recentCount)];
                yield return MalformedRecords.From(template.Event!, template.Key, NextEventId(), Random);
            }
            else if (_recentCount > 0 && roll < Options.MalformedRate + Options.DuplicateRate)
            {
                yield return Duplicate();
            }
            else
            {
                var next = NextEvent();

                // Lead updates and sessions that arrived before it go first, outside the draws above (see Emit): in arrival
                // order, so they are no further out of order than the other events.
                while (produced + 1 < Options.MaxEvents && _sideEvents.TryPeek(out _, out var due) && due.Arrival <= _lastArrival)
                {
                    produced++;
                    var side = _sideEvents.Dequeue();
                    yield return new GeneratedRecord(side.Type, side.UserId, EventWriter.ToUtf8(side, includeType: true), side, RecordKind.Genuine, null);
                }

                yield return next;
            }
        }
    }

    public string NextEventId() => string.Create(CultureInfo.InvariantCulture, $"ev-{_idTag}-{++_eventIds}");

    public string NextOrderId() => string.Create(CultureInfo.InvariantCulture, $"ord-{_idTag}-{++_orderIds}");

    private void EmitAside(StreamEvent e)
    {
        var disorder = Options.OutOfOrderMs > 0 ? (long)(UserHash.Of(e.EventId) % (ulong)Options.OutOfOrderMs) : 0;
        _sideEvents.Enqueue(e, (e.Ts + disorder, _sequence++));
    }

    /// <summary>Sends an event that happens now (its ts is <see cref="Now"/> or later) towards the output.</summary>
    public void Emit(StreamEvent e, string? fakeLabel)
    {
        if (e is LeadUpdate update)
        {
            // Lead updates draw nothing from the random stream (their disorder comes from their id) and are never
            // duplicated, made malformed or late: added to the generator, they left every other event of every seed as it
            // was, but for the last few a run's event count now leaves out (detectors were tuned on those streams).
            EmitAside(update);
            return;
        }

        var late = e is AudienceEvent && _lateProbability > 0 && Random.Chance(_lateProbability);
        if (Options.SiteSessions && e is Click click && fakeLabel is null && !late && SiteVisits.For(click, _brandOfCampaign[click.CampaignId]) is { } visit)
        {
            // The site's session of a genuine click that arrives on time (a late click would leave its session nothing to
            // join when event time passes it), drawn as lead updates are, from ids alone.
            EmitAside(visit);
        }

        // Jitter skewed towards zero (cubed uniform): most events arrive nearly in order, a few up to the bound.
        var jitter = Options.OutOfOrderMs > 0 ? (long)(Options.OutOfOrderMs * Math.Pow(Random.NextDouble(), 3)) : 0;
        var arrival = e.Ts + jitter + (late ? LateByMs : 0);
        _outgoing.Enqueue(new OutgoingEvent(e, fakeLabel, late), (arrival, _sequence++));
    }

    /// <summary>Holds an event until event time reaches its ts.</summary>
    public void Schedule(StreamEvent e, string? fakeLabel) => _pending.Enqueue(new PendingItem(e, fakeLabel, null, null), (Math.Max(e.Ts, Now), _sequence++));

    /// <summary>Runs <paramref name="action"/> when event time reaches <paramref name="ts"/>.</summary>
    public void At(long ts, Action action) => _pending.Enqueue(new PendingItem(null, null, null, action), (Math.Max(ts, Now), _sequence++));

    /// <summary>Streams events made lazily, in non-decreasing ts from now on: only the next one is held.</summary>
    public void Follow(IEnumerable<StreamEvent> events, string fakeLabel) => ScheduleNext(events.GetEnumerator(), fakeLabel);

    /// <summary>Called when the session rate changes (a surge starts, steps or ends).</summary>
    public void RateChanged() => _rateChanged = true;

    private void ScheduleNext(IEnumerator<StreamEvent> source, string fakeLabel)
    {
        if (!source.MoveNext())
        {
            source.Dispose();
            return;
        }

        var e = source.Current.Ts < Now ? source.Current with { Ts = Now } : source.Current;
        _pending.Enqueue(new PendingItem(e, fakeLabel, source, null), (e.Ts, _sequence++));
    }

    private GeneratedRecord NextEvent()
    {
        while (true)
        {
            var horizon = Math.Min((long)_sessionClock, _pending.TryPeek(out _, out var next) ? next.Ts : long.MaxValue);

            // Everything still to be made has ts ≥ horizon and so arrives at or after it.
            if (_outgoing.TryPeek(out _, out var due) && due.Arrival <= horizon)
            {
                _lastArrival = due.Arrival;
                return Output(_outgoing.Dequeue());
            }

            Step();
        }
    }

    private void Step()
    {
        var sessionTs = (long)_sessionClock;
        if (_pending.TryPeek(out _, out var next) && next.Ts <= sessionTs)
        {
            var item = _pending.Dequeue();
            Now = next.Ts;
            if (item.Event is { } e)
            {
                Emit(e, item.FakeLabel);
                if (item.Source is { } source)
                {
                    ScheduleNext(source, item.FakeLabel!);
                }
            }
            else
            {
                item.Action!();
                if (_rateChanged)
                {
                    // Poisson arrivals are memoryless: after a rate change the next one is drawn afresh from now.
                    _rateChanged = false;
                    _sessionClock = Now + Random.Exponential(1 / SessionRatePerMs);
                }
            }

            return;
        }

        Now = sessionTs;
        var offset = Random.NextDouble() * SessionRatePerMs;
        if (offset < _genuine.BaseRatePerMs)
        {
            _genuine.Session(Now, Posts.Pick(Now), viral: false);
        }
        else
        {
            _genuine.Session(Now, _surges.Pick(offset - _genuine.BaseRatePerMs).Post, viral: true);
        }

        _sessionClock += Random.Exponential(1 / SessionRatePerMs);
    }

    private double SessionRatePerMs => _genuine.BaseRatePerMs + _surges.RatePerMs;

    private GeneratedRecord Output(OutgoingEvent outgoing)
    {
        var e = outgoing.Event;
        var record = new GeneratedRecord(e.Type, e.UserId, EventWriter.ToUtf8(e, includeType: true), e, outgoing.Late ? RecordKind.Late : RecordKind.Genuine, outgoing.FakeLabel);
        if (!outgoing.Late)
        {
            _recent[_recentNext] = record;
            _recentNext = (_recentNext + 1) % RecentCapacity;
            _recentCount = Math.Min(_recentCount + 1, RecentCapacity);
            if (_newest is null || e.Ts >= _newest.Event!.Ts)
            {
                _newest = record;
            }
        }

        return record;
    }

    private GeneratedRecord Duplicate()
    {
        // A retry re-sends a recent record. One that is now further behind than the allowed disorder would look
        // late rather than repeated, so the newest record stands in for it.
        var original = _recent[Random.Next(_recentCount)];
        if (original.Event!.Ts < _newest!.Event!.Ts - Options.OutOfOrderMs)
        {
            original = _newest;
        }

        return original with { Value = (byte[])original.Value.Clone(), Kind = RecordKind.Duplicate };
    }
}
