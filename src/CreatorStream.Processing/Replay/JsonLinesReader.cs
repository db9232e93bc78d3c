using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Dataflow;

namespace CreatorStream.Processing.Replay;

/// <summary>
/// Reads a JSON Lines stream as raw byte lines, so a line that is not valid JSON or UTF-8 reaches the dead letters
/// byte for byte. Lines end at '\n' (a trailing '\r' is dropped); blank lines are skipped, as JSON Lines allows.
/// A line longer than <see cref="MaxKeptLineBytes"/> keeps only its first bytes: it is oversize either way, and
/// this bounds memory against a hostile file.
/// </summary>
public sealed class JsonLinesReader(Stream input)
{
    /// <summary>The most of one line kept in memory (1 MiB, well above the decoder's record limit).</summary>
    public const int MaxKeptLineBytes = 1 << 20;

    private readonly byte[] _buffer = new byte[1 << 16];
    private byte[] _gathered = new byte[1 << 10]; // a line that straddles reads, gathered; grown to the longest kept, and reused
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Total bytes consumed so far (for progress).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the next non-blank line, or null at the end of the stream.</summary>
    public byte[]? ReadLine() => NextLine(out var line) ? line.ToArray() : null;

    /// <summary>
    /// Groups lines into batches of <paramref name="batchSize"/> records, offsets counting lines from 0. With a
    /// <paramref name="recycler"/>, each batch's list is one handed back once an earlier batch was routed, and its lines'
    /// bytes lie in blocks it lends (<see cref="RecordBatch.Buffers"/>: the batch's records must not be read once they are
    /// given back); without one, every list and line is new.
    /// </summary>
    public IEnumerable<RecordBatch> ReadBatches(SourcePartition source, int batchSize, TimeProvider clock, BatchRecycler? recycler = null)
    {
        long offset = 0;
        var records = recycler?.Records() ?? new List<InboundRecord>(batchSize);
        var lines = recycler?.Lines();
        while (Next(lines) is { } line)
        {
            records.Add(new InboundRecord(source, offset++, null, ReadOnlyMemory<byte>.Empty, line));
            if (records.Count == batchSize)
            {
                yield return new RecordBatch(records, clock.GetUtcNow().ToUnixTimeMilliseconds()) { Buffers = lines };
                records = recycler?.Records() ?? new List<InboundRecord>(batchSize);
                lines = recycler?.Lines();
            }
        }

        if (records.Count > 0)
        {
            yield return new RecordBatch(records, clock.GetUtcNow().ToUnixTimeMilliseconds()) { Buffers = lines };
        }
        else
        {
            lines?.Dispose();
        }
    }

    /// <summary>The next non-blank line kept in <paramref name="lines"/>, or in an array of its own; null at the end.</summary>
    private ReadOnlyMemory<byte>? Next(LineBlocks? lines)
    {
        if (!NextLine(out var line))
        {
            return null;
        }

        return lines is null ? line.ToArray() : lines.Keep(line);
    }

    /// <summary>The next non-blank line, valid until the next read.</summary>
    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        while (NextRawLine(out line))
        {
            if (line.IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool NextRawLine(out ReadOnlySpan<byte> line)
    {
        // Most lines lie whole in the buffer, and are read from there. (A MemoryStream per line, then ToArray, was about
        // 1.2 KB of garbage per record, 40% of replay's allocation; an array per line, a quarter: docs/benchmarks.md.)
        var buffered = _buffer.AsSpan(_start, _end - _start);
        if (buffered.IndexOf((byte)'\n') is var end and >= 0)
        {
            _start += end + 1;
            line = Trim(buffered[..end]);
            return true;
        }

        // A line that straddles reads (common from a pipe, which hands over what was written) is gathered in an array the
        // reader keeps: a MemoryStream and a copy of it for each was 3 % of what the soak's pipeline allocated (session 55).
        var gathered = 0;
        while (true)
        {
            if (_start == _end && !Fill())
            {
                line = Trim(_gathered.AsSpan(0, gathered));
                return gathered > 0;
            }

            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf((byte)'\n');
            var take = newline >= 0 ? newline : span.Length;
            var kept = Math.Min(take, MaxKeptLineBytes - gathered);
            if (gathered + kept > _gathered.Length)
            {
                Array.Resize(ref _gathered, Math.Min(MaxKeptLineBytes, Math.Max(gathered + kept, _gathered.Length * 2)));
            }

            span[..kept].CopyTo(_gathered.AsSpan(gathered));
            gathered += kept;
            _start += newline >= 0 ? newline + 1 : take;
            if (newline >= 0)
            {
                line = Trim(_gathered.AsSpan(0, gathered));
                return true;
            }
        }
    }

    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        var read = input.Read(_buffer, 0, _buffer.Length);
        _start = 0;
        _end = read;
        BytesRead += read;
        _eof = read == 0;
        return read > 0;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
}
