using System.Text;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Dataflow;

namespace CreatorStream.Processing.Tests.Dataflow;

/// <summary>
/// The replay's buffers are lent again only once their batch is done with them, and empty (docs/design.md, "Per-event
/// cost"). That reusing them changes no figure is checked by the replays at every batch size (FunnelDeterminismTests,
/// DataDrivenDeterminismTests, ReplayerTests), where small batches pass each buffer through many times.
/// </summary>
public sealed class BatchRecyclerTests
{
    private static readonly SourcePartition Source = new("replay", 0);

    [Fact]
    public void Routed_GivesBackTheRecordListAndDecodings_EmptiedForTheNextBatch()
    {
        var recycler = new BatchRecycler(batchSize: 2);
        var records = recycler.Records();
        records.Add(Record(0));
        records.Add(Record(1));
        var decodings = recycler.Decodings(2);
        decodings[0] = DecodeResult.Fail(DeadLetterReason.InvalidJson, "x");

        recycler.Routed(new DecodedBatch(new RecordBatch(records, 0), decodings));

        var again = recycler.Records();
        Assert.Same(records, again);
        Assert.Empty(again);
        var decodedAgain = recycler.Decodings(2);
        Assert.Same(decodings, decodedAgain);
        Assert.All(decodedAgain, d => Assert.Equal(default, d));
        Assert.NotSame(records, recycler.Records()); // lent once: a second borrower gets a list of its own
    }

    [Fact]
    public void Decodings_OfAShortLastBatch_AreNeitherLentNorKept()
    {
        var recycler = new BatchRecycler(batchSize: 4);
        var shortOne = recycler.Decodings(3);
        Assert.Equal(3, shortOne.Length);

        recycler.Routed(new DecodedBatch(new RecordBatch([Record(0), Record(1), Record(2)], 0), shortOne));

        Assert.Equal(4, recycler.Decodings(4).Length); // not the short one lent as a batch's
    }

    [Fact]
    public void Processed_GivesBackTheSourceOutput_EmptiedOfEventsDeadLettersAndCounts()
    {
        var recycler = new BatchRecycler(batchSize: 8);
        var output = recycler.Output(partitions: 2, wallClockMs: 10);
        output.ByPartition[1].Add(BrandInput.Event(Record(0)));
        output.DeadLetters.Add(new DeadLetter(Record(1), DeadLetterStage.Validate, DeadLetterReason.UnknownCampaign, "no"));
        output.CountDeadLetter(DeadLetterReason.UnknownCampaign);
        output.NextOffsets[Source] = 2;

        recycler.Processed(new RoutedBatch(output, output.ByPartition, 10));

        var again = recycler.Output(partitions: 2, wallClockMs: 20);
        Assert.Same(output, again);
        Assert.All(again.ByPartition, Assert.Empty);
        Assert.Empty(again.DeadLetters);
        Assert.Empty(again.DeadLetterCounts);
        Assert.Empty(again.NextOffsets);
        Assert.Equal(20, again.WallClockMs);
    }

    [Fact]
    public void Output_ForAnotherNumberOfPartitions_IsNew()
    {
        var recycler = new BatchRecycler(batchSize: 8);
        var output = recycler.Output(partitions: 2, wallClockMs: 0);
        recycler.Processed(new RoutedBatch(output, output.ByPartition, 0));

        var other = recycler.Output(partitions: 3, wallClockMs: 0);

        Assert.NotSame(output, other);
        Assert.Equal(3, other.ByPartition.Length);
    }

    private static InboundRecord Record(long offset) => new(Source, offset, null, ReadOnlyMemory<byte>.Empty, "{}"u8.ToArray());

    [Fact]
    public void Processed_GivesBackTheBatchLineBlocks_CarriedFromTheRecordBatchThroughTheSourceStage()
    {
        var recycler = new BatchRecycler(batchSize: 8);
        var lines = recycler.Lines();
        var line = Encoding.UTF8.GetBytes("{\"type\":\"impression\"}");
        var records = recycler.Records();
        records.Add(new InboundRecord(Source, 0, null, ReadOnlyMemory<byte>.Empty, lines.Keep(line)));
        var batch = new RecordBatch(records, 10) { Buffers = lines };
        var catalog = CreatorStream.Testing.TestCampaigns.Spring();
        var stage = new SourceStage(catalog, new BrandRouter(catalog, 2), ProcessorOptions.Default, new EventDecoder(DecoderLimits.Default), recycler);

        var routed = stage.Route(batch);
        Assert.Same(lines, routed.Buffers);
        Assert.Equal(0, recycler.FreeBlocks);

        recycler.Processed(routed);

        Assert.Equal(1, recycler.FreeBlocks);
    }
}
