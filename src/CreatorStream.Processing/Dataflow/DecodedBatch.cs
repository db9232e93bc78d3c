using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Dataflow;

/// <summary>A batch of raw records with each record's decoding, made ahead on another thread (decoding is pure). Immutable.</summary>
public sealed record DecodedBatch(RecordBatch Batch, DecodeResult[] Decoded);
