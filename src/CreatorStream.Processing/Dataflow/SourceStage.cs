using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Dataflow;

/// <summary>
/// The source stage in one process: a <see cref="SourceTask"/> per input partition, routing each batch's records to
/// brand partitions and, after them, every source's mark to every brand partition (so event time moves once per batch).
/// Its outputs come from <paramref name="recycler"/> when given one. Mutable; one thread at a time.
/// </summary>
public sealed class SourceStage(CampaignCatalog catalog, BrandRouter router, ProcessorOptions options, EventDecoder decoder, BatchRecycler? recycler = null)
{
    private readonly Dictionary<SourcePartition, SourceTask> _tasks = [];
    private readonly Dictionary<SourcePartition, long> _positions = [];

    public BrandRouter Router => router;

    /// <summary>The sources seen so far (the brand tasks must hear from each before their event time passes it).</summary>
    public IEnumerable<SourcePartition> Sources => _tasks.Keys;

    public RoutedBatch Route(RecordBatch batch, DecodeResult[]? decoded = null)
    {
        var output = recycler?.Output(router.Partitions, batch.WallClockMs) ?? new SourceOutput(router.Partitions, batch.WallClockMs);
        var resuming = batch.Records.Count > 0 && SourceTask.AllIdle(_tasks.Values, batch.WallClockMs, batch.Behind);
        for (var i = 0; i < batch.Records.Count; i++)
        {
            var record = batch.Records[i];
            var task = Task(record.Source, batch.WallClockMs);
            if (decoded is null)
            {
                task.Route(record, batch.WallClockMs, output);
            }
            else
            {
                task.Route(record, decoded[i], batch.WallClockMs, output);
            }

            _positions[record.Source] = record.Offset + 1;
        }

        if (resuming)
        {
            SourceTask.GiveIdleTimeoutAgain(_tasks.Values, batch.WallClockMs);
        }

        var byPartition = output.ByPartition;
        var marks = new List<SourceMark>(_tasks.Count);
        foreach (var task in _tasks.Values)
        {
            marks.Add(task.Mark(_positions.GetValueOrDefault(task.Partition), batch.WallClockMs, batch.Behind.Contains(task.Partition)));
        }

        marks.Sort(SourceMark.ApplyOrder);
        foreach (var mark in marks)
        {
            foreach (var inputs in byPartition)
            {
                inputs.Add(BrandInput.Of(mark));
            }
        }

        return new RoutedBatch(output, byPartition, batch.WallClockMs) { Buffers = batch.Buffers };
    }

    private SourceTask Task(SourcePartition partition, long wallClockMs)
    {
        if (!_tasks.TryGetValue(partition, out var task))
        {
            task = new SourceTask(partition, catalog, router, options, decoder, wallClockMs);
            _tasks.Add(partition, task);
        }

        return task;
    }
}
