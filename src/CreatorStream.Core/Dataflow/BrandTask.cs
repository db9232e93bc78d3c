using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// Stage 2 of the dataflow (docs/design.md, "Dataflow"): one task per partition of the brand topic, owning the
/// <see cref="BrandProcessor"/>s of the brands routed there. Its input is one partition, so what it does is a function
/// of that partition's records alone: events are applied once each (a repeat, written again by a source task that
/// re-ran after a crash, carries an origin offset already applied and is dropped), and event time comes from the
/// sources' in-band marks (<see cref="UpstreamWatermarks"/>), never from a clock. A task rebuilt from a snapshot and the
/// partition's tail therefore reaches exactly the state it had. Mutable; not thread-safe (one thread per task).
/// </summary>
public sealed class BrandTask
{
    private readonly CampaignCatalog _catalog;
    private readonly ProcessorOptions _options;
    private readonly Func<IEngagementClassifier> _classifiers;
    private readonly EventDecoder _decoder;
    private readonly BrandRouter _router;
    private readonly Dictionary<SourcePartition, long> _applied = [];
    private readonly SortedDictionary<string, BrandProcessor> _brands = new(StringComparer.Ordinal);
    private string? _lastCampaign; // the campaign of the last audience event applied, and its brand's processor
    private BrandProcessor? _lastProcessor;

    public BrandTask(int partition, CampaignCatalog catalog, BrandRouter router, ProcessorOptions options, Func<IEngagementClassifier> classifiers, EventDecoder decoder)
    {
        Partition = partition;
        _catalog = catalog;
        _router = router;
        _options = options;
        _classifiers = classifiers;
        _decoder = decoder;
    }

    public int Partition { get; }

    public UpstreamWatermarks Upstream { get; } = new();

    /// <summary>
    /// Whether records whose origin offset was already applied are dropped as repeats: on when the partition is a Kafka
    /// topic that a source task may write again after a crash; off in process, where nothing is written twice and hand-made
    /// inputs need not carry increasing offsets. Default true.
    /// </summary>
    public bool DropsRepeats { get; init; } = true;

    /// <summary>The brand task's event time (the sources' watermark).</summary>
    public long Watermark => Upstream.Current;

    /// <summary>Repeated records dropped so far (re-sent by a source task that re-ran a batch).</summary>
    public long Repeats { get; private set; }

    /// <summary>The highest origin offset applied from each source partition, in the order first applied (for tests).</summary>
    internal IReadOnlyDictionary<SourcePartition, long> AppliedOffsets => _applied;

    /// <summary>The brands this task has seen events of.</summary>
    public IReadOnlyCollection<BrandProcessor> Brands => _brands.Values;

    /// <summary>Processes records of this task's partition in order; adds what they change to <paramref name="result"/>.</summary>
    public void Process(IReadOnlyList<BrandInput> inputs, BatchResult result)
    {
        // A partition's records come in runs from one source partition and of one brand: each run's offsets are kept
        // in a local and written to the tables once (Origins), and a brand's processor is looked up when the campaign
        // changes, not for every record.
        var origins = new Origins(this, result);
        try
        {
            var inputCount = inputs.Count;
            for (var i = 0; i < inputCount; i++)
            {
                var input = inputs[i];
                if (input.Mark is { } mark)
                {
                    if (Upstream.Apply(mark))
                    {
                        foreach (var brand in _brands.Values)
                        {
                            brand.Advance(Upstream.Current, result);
                        }
                    }

                    continue;
                }

                Prefetch(inputs, i + 3, stage: 0);
                Prefetch(inputs, i + 2, stage: 1);
                Prefetch(inputs, i + 1, stage: 2);
                Apply(input, ref origins, result);
            }
        }
        finally
        {
            origins.Close(); // also when a record throws: the tables hold every record taken, that one included, as before
        }

        foreach (var brand in _brands.Values)
        {
            brand.PublishCorrections(result);
            brand.PublishFlags(result);
            brand.PublishContent(result);
        }

        result.Delta.Watermark = Math.Max(result.Delta.Watermark, Upstream.Current);
    }

    /// <summary>
    /// Hints the cache at what the record at <paramref name="at"/> will read, a few records ahead of it
    /// (<see cref="BrandProcessor.Prefetch"/>): a decoded audience event of the brand the records before it had.
    /// </summary>
    private void Prefetch(IReadOnlyList<BrandInput> inputs, int at, int stage)
    {
        if (at < inputs.Count && inputs[at].Decoded is AudienceEvent e && ReferenceEquals(e.CampaignId, _lastCampaign))
        {
            _lastProcessor!.Prefetch(e, stage);
        }
    }

    /// <summary>Ends a finite input (replay): every brand's windows close and its incidents end.</summary>
    public void Flush(BatchResult result)
    {
        foreach (var brand in _brands.Values)
        {
            brand.Flush(result);
        }
    }

    private void Apply(BrandInput input, ref Origins origins, BatchResult result)
    {
        var record = input.Record;
        if (!origins.Take(record.Source, record.Offset))
        {
            Repeats++;
            return;
        }

        var e = input.Decoded;
        if (input.Packed)
        {
            e = PackedAudienceEvent.Read(record.Value.Span, record.TypeHint!.Value, _decoder); // accepted by its source task: no dead letter
        }
        else if (e is null)
        {
            var decoded = _decoder.Decode(record.Value.Span, record.TypeHint);
            if (decoded.Event is null)
            {
                // The source task validated it with the same decoder; only different limits on two workers get here.
                result.DeadLetters.Add(new DeadLetter(record, DeadLetterStage.Process, decoded.Reason, decoded.Message ?? ""));
                result.Delta.CountDeadLetter(decoded.Reason);
                return;
            }

            e = decoded.Event;
        }

        ProcessorOf(e).Arrive(e, record, result);
    }

    /// <summary>
    /// The processor of the event's brand. An audience event's campaign id is the decoder's shared string, so a run of one
    /// campaign's events is recognised by reference and needs no lookup.
    /// </summary>
    private BrandProcessor ProcessorOf(StreamEvent e)
    {
        if (e is AudienceEvent audience)
        {
            if (!ReferenceEquals(audience.CampaignId, _lastCampaign))
            {
                _lastProcessor = Processor(_router.BrandOf(e)!);
                _lastCampaign = audience.CampaignId;
            }

            return _lastProcessor!;
        }

        return Processor(_router.BrandOf(e)!);
    }

    /// <summary>
    /// A batch's origins (docs/design.md, "Dataflow"): the offset applied last from each source partition, which drops a
    /// repeat, and the offsets this batch applied (<see cref="State.StateDelta.AppliedOrigins"/>). The current run's offset is
    /// kept here and written to both tables when the source changes and at the batch's end, so the tables are read and
    /// written once a run instead of three times a record; between batches they hold what a write per record would.
    /// </summary>
    private struct Origins(BrandTask task, BatchResult result)
    {
        private SourcePartition _source;
        private bool _open; // a run is under way: _source's offsets are in the fields below
        private bool _taken; // the run applied a record (else it only dropped repeats)
        private long _applied; // the highest offset applied from _source: earlier batches' included; long.MinValue for none

        /// <summary>Whether the record at <paramref name="offset"/> of <paramref name="source"/> is new (else a repeat to drop).</summary>
        public bool Take(SourcePartition source, long offset)
        {
            if (!_open || !_source.Equals(source))
            {
                Close();
                _source = source;
                _open = true;
                _taken = false;
                _applied = task._applied.TryGetValue(source, out var applied) ? applied : long.MinValue;
            }

            if (task.DropsRepeats && offset <= _applied)
            {
                return false;
            }

            _applied = offset;
            _taken = true;
            return true;
        }

        /// <summary>Writes the run's offsets to the tables.</summary>
        public void Close()
        {
            if (!_open || !_taken)
            {
                _open = false;
                return;
            }

            if (task.DropsRepeats)
            {
                task._applied[_source] = _applied;
            }

            result.Delta.AppliedOrigins[_source] = _applied;
            _open = false;
        }
    }

    /// <summary>
    /// Format of <see cref="Save"/>'s bytes; a snapshot of another format is refused, and the task rebuilt from its log.
    /// 2: group authenticity (issue 18: events awaiting judgement, group windows, revisions, judged-inauthentic counts).
    /// 3: deduplication in two tiers (decision 0014: the filters behind the exact ids). Format 2 is still read: its ids
    /// are all exact, and leave into filters as event time moves.
    /// 4: orders kept compact for refunds (decision 0015: the journey's posts and two models' shares, not a list of
    /// credits). Formats 2 and 3 are still read: their credit lists are made compact, checked to give the same credit.
    /// 5: outcomes (docs/design.md, "Outcomes"): counters with the clicks' referral quality and the funnel, orders with
    /// their kind and whether the customer was new, and each user's funnel stages. Older formats are still read: their counters have no visits, and their orders no
    /// kind, so a refund of one leaves the figures by kind alone (they never held that order), and no funnel (it starts
    /// from the restore).
    /// 6: leads' statuses (docs/design.md, "Outcomes", leads): an order remembers the latest lead update it took. Format 5
    /// is still read: its leads are all new.
    /// 7: site sessions (docs/design.md, "Outcomes", referral quality): a journey's touchpoints carry their platform, and
    /// counters the sessions and the landed funnel stage. Older formats are still read: their touchpoints have no
    /// platform, so a session joined to one counts for its campaign and creator but not its post.
    /// 8: clicks judged inauthentic are counted (docs/design.md, "Trends"). Older formats are still read: their counters
    /// have none, so a restored task's figures count only the clicks it judges after the restore.
    /// 9: a journey's touchpoints and an order's posts carry the country the audience event came from (docs/design.md,
    /// "Recommendations", formats by country). Older formats are still read: their touchpoints have no country, so the
    /// credit of conversions through them counts for no country.
    /// 10: the content tracker (docs/design.md, "Content"): posts, their compliance flags and share curves, deliverables.
    /// Older formats are still read: a restored task knows no post reported before the restore.
    /// 11: comments by sentiment and quality (docs/design.md, "Content"): counters carry them, and an engagement kept for
    /// revision its comment's traits. Older formats are still read: their counters have none, and a revision of an
    /// engagement judged before the restore takes back no sentiment (none was counted for it).
    /// 12: negative sentiment spikes (docs/design.md, "Content"): each post's comment baselines, the minutes waiting to be
    /// judged and the alerts a revision may retract. Older formats are still read: their posts' baselines start from the
    /// restore (a backlash under way at the restore is judged from there).
    /// 13: posts' imported insights, by day (docs/design.md, "Collector"). Older formats are still read: they had none.
    /// 14: the estimates beyond tracked links (docs/design.md, "Estimates"): hourly untracked traffic, posts' exposure,
    /// audiences, code uses and holdout tallies. Older formats are still read: their estimates start from the restore.
    /// 15: the estimates remember every order they counted (the halo's unattributed ones, code uses with their signs,
    /// holdout orders with their cells), so a refund leaves them. Format 14 is still read: its code uses are kept, its
    /// other orders' refunds leave the halo and holdout gross.
    /// 16: commission ledgers (docs/design.md, "Commissions"): each creator with a plan, the orders credited and refunded
    /// and the statements frozen. Older formats are still read: their ledgers start from the restore.
    /// 17: customers (docs/design.md, "Customer value"): each order says whether it acquired its customer, came from a
    /// returning one or repeated an acquisition (that order in full), and the customers seen in the last 180 days. Older
    /// formats are still read: their customers start from the restore.
    /// 18: the journeys with tables (docs/design.md, "Recovery"): the posts their touches name are written once and a
    /// touch gives a post's number, and an arrival gives its user's number, not its id; the same state in about a third
    /// fewer bytes. Older formats are still read, to the same state.
    /// 19: impressions, engagements and clicks waiting for the watermark or their judgement are written as their fields
    /// (<see cref="Snapshots.AudienceEventCodec"/>), not as JSON made again from each: they were most of a busy brand's
    /// snapshot and of its time (docs/benchmarks.md, session 42). Conversions and lead updates still wait as their
    /// records' bytes. And deduplication's exact ids are written as their log alone, chunk by chunk as the entries'
    /// bytes, not as the held ids and then the log (<see cref="Windows.ExactIds"/>). Older formats are still read, to the
    /// same state.
    /// 20: a waiting audience event's ip_hash, device_id and user_agent_hash are written as their 64-bit keys, as a decoded
    /// event now holds them (<see cref="Events.IdentifierKey"/>), not as their text. Older formats are still read, to the
    /// same state.
    /// 21: a waiting audience event is written without its record's provenance (topic, partition, offset, type and when
    /// the log took it), which no one read again: it is not kept while the event waits (docs/benchmarks.md, session 53).
    /// Older formats are still read, their audience events' provenance skipped.
    /// </summary>
    public const byte SnapshotFormat = 21;

    /// <summary>The format from which a waiting audience event is written without its record's provenance.</summary>
    public const byte WaitingWithoutProvenanceFormat = 21;

    /// <summary>The format from which a waiting audience event's identifiers are their keys, not their text.</summary>
    public const byte IdentifierKeysFormat = 20;

    /// <summary>The format from which waiting audience events are written as their fields, not as JSON.</summary>
    public const byte BinaryWaitingFormat = 19;

    /// <summary>The format from which deduplication's exact ids are their log alone, as the entries' bytes.</summary>
    public const byte ExactIdsLogFormat = 19;

    /// <summary>The format from which the journeys name posts and users by their numbers in tables of their own.</summary>
    public const byte JourneyTablesFormat = 18;

    /// <summary>The format from which snapshots carry customers and orders their customer figures.</summary>
    public const byte CustomersFormat = 17;

    /// <summary>The format from which snapshots carry the commission ledgers.</summary>
    public const byte CommissionsFormat = 16;

    /// <summary>The format from which the estimates remember every order they counted, so refunds leave them (format 15).</summary>
    public const byte RefundedEstimatesFormat = 15;

    /// <summary>The format from which snapshots carry the estimates' state.</summary>
    public const byte EstimatesFormat = 14;

    /// <summary>The format from which a post's state carries its imported insights.</summary>
    public const byte InsightsFormat = 13;

    /// <summary>The format from which snapshots carry the negative sentiment spike detector.</summary>
    public const byte SentimentSpikesFormat = 12;

    /// <summary>The format from which counters carry comments by sentiment and quality.</summary>
    public const byte SentimentFormat = 11;

    /// <summary>The format from which snapshots carry the content tracker: posts, compliance flags, deliverables.</summary>
    public const byte ContentFormat = 10;

    /// <summary>The format from which touchpoints and orders' posts carry their country.</summary>
    public const byte CountriesFormat = 9;

    /// <summary>The format from which counters carry the clicks judged inauthentic.</summary>
    public const byte ClickVerdictsFormat = 8;

    /// <summary>The format from which touchpoints carry their platform and counters the site sessions.</summary>
    public const byte SessionsFormat = 7;

    /// <summary>The format from which orders carry a lead's status.</summary>
    public const byte LeadStatusFormat = 6;

    /// <summary>The format from which snapshots carry outcomes: referral quality and funnel counters, orders' kinds, users' funnel stages.</summary>
    public const byte OutcomesFormat = 5;

    /// <summary>The oldest format <see cref="Load"/> reads.</summary>
    public const byte OldestSnapshotFormat = 2;

    /// <summary>
    /// This task's whole state as bytes, to be committed with the offset it stands at (docs/design.md, "Recovery"):
    /// <paramref name="position"/> is the next offset of its partition, which a restore re-reads from.
    /// </summary>
    /// <param name="position">The next offset of the task's partition: where a restore from this snapshot re-reads from.</param>
    /// <param name="maxBytes">The most the snapshot may take (the state store's limit).</param>
    /// <param name="sink">The store's, which takes full chunks as they fill (<see cref="Snapshots.ISnapshotSink"/>); null keeps the bytes here.</param>
    /// <exception cref="Snapshots.SnapshotTooLargeException">The state takes more than <paramref name="maxBytes"/>: the snapshot was abandoned, the state is as it was.</exception>
    public Snapshots.SnapshotBytes Save(long position, long maxBytes = long.MaxValue, Snapshots.ISnapshotSink? sink = null) =>
        Capture(position, maxBytes, sink).Finish();

    /// <summary>
    /// <see cref="Save"/>'s snapshot taken in two steps (decision 0033): what is cheap to write is written now, the large
    /// parts are frozen, and <see cref="Snapshots.SnapshotCapture.Finish"/> writes them later, on any thread, while this
    /// task goes on with its records. The bytes are those <see cref="Save"/> would write at <paramref name="position"/>.
    /// </summary>
    /// <exception cref="Snapshots.SnapshotTooLargeException">The parts written now pass <paramref name="maxBytes"/>.</exception>
    public Snapshots.SnapshotCapture Capture(long position, long maxBytes = long.MaxValue, Snapshots.ISnapshotSink? sink = null)
    {
        var capture = new Snapshots.SnapshotCapture(maxBytes, sink);
        capture.Now(writer =>
        {
            writer.Write(SnapshotFormat);
            writer.Write(Partition);
            writer.Write(position);
            writer.Write(Repeats);
            writer.Write(_applied.Count);
            foreach (var (source, offset) in _applied)
            {
                writer.Write(source.Topic);
                writer.Write(source.Partition);
                writer.Write(offset);
            }

            var marks = Upstream.Marks.ToList();
            writer.Write(marks, static (w, m) =>
            {
                w.Write(m.Origin.Topic);
                w.Write(m.Origin.Partition);
                w.Write(m.Position);
                w.Write(m.Watermark);
                w.Write(m.Idle);
            });
            writer.Write(_brands.Count);
        });
        try
        {
            foreach (var (brand, processor) in _brands)
            {
                capture.Now(writer => writer.Write(brand));
                processor.Capture(capture);
            }
        }
        catch
        {
            capture.Dispose(); // it will not be finished: what its frozen parts hold goes now
            throw;
        }

        return capture;
    }

    /// <summary>
    /// Restores this fresh task (same partition, catalog and options; its sources already expected) from
    /// <see cref="Save"/>'s bytes; returns the offset of its partition the snapshot stands at.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are of another format or another partition.</exception>
    public long Load(Snapshots.SnapshotBytes snapshot)
    {
        var reader = new Snapshots.SnapshotReader(snapshot);
        if (reader.Byte() is var format && format is < OldestSnapshotFormat or > SnapshotFormat)
        {
            throw new InvalidDataException($"snapshot format {format}, this build reads {OldestSnapshotFormat} to {SnapshotFormat}");
        }

        if (reader.Int() is var partition && partition != Partition)
        {
            throw new InvalidDataException($"a snapshot of brand partition {partition}, not {Partition}");
        }

        var position = reader.Long();
        Repeats = reader.Long();
        reader.Each(r => _applied.Add(new SourcePartition(r.String(), r.Int()), r.Long()));
        reader.Each(r => Upstream.Apply(new SourceMark(new SourcePartition(r.String(), r.Int()), r.Long(), r.Long(), r.Bool())));
        reader.Each(r =>
        {
            var brand = r.String();
            var processor = NewProcessor(brand);
            processor.Load(r, _decoder, format);
            _brands.Add(brand, processor);
        });
        return position;
    }

    private BrandProcessor Processor(string brandId)
    {
        if (!_brands.TryGetValue(brandId, out var processor))
        {
            processor = NewProcessor(brandId);
            processor.Advance(Upstream.Current, new BatchResult(0));
            _brands.Add(brandId, processor);
        }

        return processor;
    }

    private BrandProcessor NewProcessor(string brandId) => new(brandId, _catalog.OfBrand(brandId), _options, _classifiers());
}
