using CreatorStream.Core.Streaming;

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
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Total bytes consumed so far (for progress).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the next non-blank line, or null at the end of the stream.</summary>
    public byte[]? ReadLine()
    {
        while (true)
        {
            var line = ReadRawLine();
            if (line is null)
            {
                return null;
            }

            if (line.AsSpan().IndexOfAnyExcept(" \t\r"u8) >= 0)
            {
                return line;
            }
        }
    }

    /// <summary>
    /// Groups lines into batches of <paramref name="batchSize"/> records, offsets counting lines from 0. Each batch's list
    /// comes from <paramref name="lists"/> when it has one (a list handed back once its batch was routed), else is new.
    /// </summary>
    public IEnumerable<RecordBatch> ReadBatches(SourcePartition source, int batchSize, TimeProvider clock, Func<List<InboundRecord>>? lists = null)
    {
        long offset = 0;
        var records = lists?.Invoke() ?? new List<InboundRecord>(batchSize);
        while (ReadLine() is { } line)
        {
            records.Add(new InboundRecord(source, offset++, null, ReadOnlyMemory<byte>.Empty, line));
            if (records.Count == batchSize)
            {
                yield return new RecordBatch(records, clock.GetUtcNow().ToUnixTimeMilliseconds());
                records = lists?.Invoke() ?? new List<InboundRecord>(batchSize);
            }
        }

        if (records.Count > 0)
        {
            yield return new RecordBatch(records, clock.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    private byte[]? ReadRawLine()
    {
        // Most lines lie whole in the buffer: copy each once, to an array of its size. (A MemoryStream per line, then
        // ToArray, was about 1.2 KB of garbage per record, 40% of replay's allocation: docs/benchmarks.md.)
        var buffered = _buffer.AsSpan(_start, _end - _start);
        if (buffered.IndexOf((byte)'\n') is var end and >= 0)
        {
            _start += end + 1;
            var whole = buffered[..end];
            return (whole.Length > 0 && whole[^1] == '\r' ? whole[..^1] : whole).ToArray();
        }

        using var line = new MemoryStream();
        while (true)
        {
            if (_start == _end && !Fill())
            {
                return line.Length > 0 ? Trim(line.ToArray()) : null;
            }

            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf((byte)'\n');
            var take = newline >= 0 ? newline : span.Length;
            var room = (int)Math.Max(0, MaxKeptLineBytes - line.Length);
            line.Write(span[..Math.Min(take, room)]);
            _start += newline >= 0 ? newline + 1 : take;
            if (newline >= 0)
            {
                return Trim(line.ToArray());
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

    private static byte[] Trim(byte[] line) => line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
}
