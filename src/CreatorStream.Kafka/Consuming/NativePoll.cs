using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Native;

namespace CreatorStream.Kafka.Consuming;

/// <summary>
/// Takes a Confluent.Kafka consumer's messages from librdkafka directly (docs/design.md, "Per-event cost"; decision
/// 0036): what its <c>Consume</c> does, without the objects it makes for every message (the message copied into a boxed
/// struct, the topic's name as a new string, a <c>TopicPartitionOffset</c>, a <c>Message</c> and a
/// <c>ConsumeResult</c>; over a quarter of a live run's bytes). The key and value go straight into the consumer's
/// <see cref="RecordBytes"/>, and a topic's name is read once and kept. It stores offsets through the same handle
/// (<see cref="StoreOffsets"/>).
/// <para>
/// It polls the consumer's own librdkafka handle, so everything else stays Confluent.Kafka's: rebalances still call the
/// consumer's handlers from within the poll, on this thread, and an exception they leave (Confluent.Kafka keeps it in
/// the consumer until its next <c>Consume</c>) is thrown from here as <c>Consume</c> would. Both need two private
/// members of Confluent.Kafka 1.9.3, found once by name (<see cref="For"/>): a client without them is read through
/// <c>Consume</c> as before.
/// </para>
/// One instance per consumer, used only on its consume thread, and not after the consumer is closed.
/// </summary>
public sealed unsafe class NativePoll
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    // A client holds few topics; a list that somehow grows past this is started again.
    private const int MaxTopics = 64;

    private readonly IClient _consumer;
    private readonly SafeHandle _handle;
    private readonly FieldInfo _handlerException;
    private readonly RecordBytes _bytes;
    private readonly string? _onlyTopic;
    private readonly List<(nint Topic, byte[] Name, string Text)> _topics = [];
    private readonly List<(string Text, byte[] Name)> _names = [];

    private NativePoll(IClient consumer, SafeHandle handle, FieldInfo handlerException, RecordBytes bytes, string? onlyTopic) =>
        (_consumer, _handle, _handlerException, _bytes, _onlyTopic) = (consumer, handle, handlerException, bytes, onlyTopic);

    /// <summary>
    /// A poll of <paramref name="consumer"/> that copies keys and values into <paramref name="bytes"/> (the deserializer
    /// the consumer was built with) and, when <paramref name="onlyTopic"/> is given, names every record's topic so
    /// without reading it; null when the client does not have Confluent.Kafka 1.9.3's handle and handler exception.
    /// </summary>
    public static NativePoll? For(IConsumer<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> consumer, RecordBytes bytes, string? onlyTopic)
    {
        var handle = typeof(Handle).GetProperty("LibrdkafkaHandle", Private)?.GetValue(consumer.Handle) as SafeHandle;
        var handlerException = consumer.GetType().GetField("handlerException", Private);
        return handle is { IsInvalid: false, IsClosed: false } && handlerException?.FieldType == typeof(Exception)
            ? new NativePoll(consumer, handle, handlerException, bytes, onlyTopic)
            : null;
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the next message. False when none came (as <c>Consume</c> returning
    /// null). True with <paramref name="record"/> null for a partition's end, or a topic that carries no records
    /// (<see cref="TopicTypes"/>).
    /// </summary>
    /// <exception cref="ConsumeException">The message is an error (fatal or not, as its <c>Error</c> says).</exception>
    /// <exception cref="ObjectDisposedException">The consumer is closed.</exception>
    public bool Next(TimeSpan timeout, out InboundRecord? record)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, _consumer);
        var timeoutMs = timeout == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue); // as Consume: whole milliseconds
        var message = ConsumerNative.ConsumerPoll(_handle.DangerousGetHandle(), timeoutMs);
        if (_handlerException.GetValue(_consumer) is Exception handlerFailed)
        {
            _handlerException.SetValue(_consumer, null); // thrown once, as Consume does
            if (message != null)
            {
                ConsumerNative.MessageDestroy(message);
            }

            ExceptionDispatchInfo.Throw(handlerFailed);
        }

        record = null;
        if (message == null)
        {
            return false;
        }

        try
        {
            if (message->Error == ConsumerNative.PartitionEof)
            {
                return true;
            }

            if (message->Error != 0)
            {
                // An error of the consumer as a whole (a poll interval exceeded, a group or fatal error) names no topic.
                var about = message->Topic == 0 ? null : TopicOf(message->Topic);
                throw new ConsumeException(
                    new ConsumeResult<byte[], byte[]> { TopicPartitionOffset = new TopicPartitionOffset(about, message->Partition, message->Offset) },
                    message->Error == ConsumerNative.Fatal ? FatalError() : new Error((ErrorCode)message->Error, Marshal.PtrToStringUTF8((nint)ConsumerNative.MessageErrorString(message))));
            }

            var topic = _onlyTopic ?? TopicOf(message->Topic);
            int timestampType;
            var timestamp = ConsumerNative.MessageTimestamp(message, &timestampType);
            record = TopicTypes.ToRecord(
                topic,
                message->Partition,
                message->Offset,
                Lend(message->Key, message->KeyLength),
                Lend(message->Payload, message->Length),
                timestampType == ConsumerNative.TimestampNotAvailable ? null : timestamp);
            return true;
        }
        finally
        {
            ConsumerNative.MessageDestroy(message);
        }
    }

    /// <summary>
    /// Stores <paramref name="offsets"/> (each partition's next offset) for the consumer's next commit, as Confluent.Kafka's
    /// <c>StoreOffset</c> does one partition at a time, in one call and without the objects it makes for each (a list,
    /// an array, iterators and a result per partition: about 2 % of a live run's bytes). A partition librdkafka refuses
    /// (taken away meanwhile) is passed to <paramref name="refused"/> with the reason, and the others are stored, as
    /// <c>StoreOffset</c>'s exception for that one partition would leave them.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The consumer is closed.</exception>
    public void StoreOffsets(IReadOnlyDictionary<SourcePartition, long> offsets, Action<SourcePartition, string> refused)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, _consumer);
        if (offsets.Count == 0)
        {
            return;
        }

        var list = ConsumerNative.PartitionListNew(offsets.Count);
        try
        {
            foreach (var (partition, next) in offsets)
            {
                fixed (byte* topic = NameOf(partition.Topic))
                {
                    ConsumerNative.PartitionListAdd(list, topic, partition.Partition)->Offset = next;
                }
            }

            // The elements say which were refused. An error with none of them marked (a consumer storing its offsets
            // itself, enable.auto.offset.store) refused them all.
            var error = ConsumerNative.OffsetsStore(_handle.DangerousGetHandle(), list);
            var marked = false;
            for (var i = 0; i < list->Count; i++)
            {
                marked |= list->Elements[i].Error != 0;
            }

            for (var i = 0; i < list->Count; i++)
            {
                var element = list->Elements[i];
                if (element.Error != 0 || (error != 0 && !marked))
                {
                    var code = element.Error != 0 ? element.Error : error;
                    refused(new SourcePartition(TopicTypes.Interned(Marshal.PtrToStringUTF8((nint)element.Topic)!), element.Partition), Marshal.PtrToStringUTF8((nint)ConsumerNative.ErrorText(code)) ?? $"error {code}");
                }
            }
        }
        finally
        {
            ConsumerNative.PartitionListDestroy(list);
        }
    }

    // A topic's name as librdkafka takes it (UTF-8, NUL-terminated), kept: a consumer stores offsets of few topics.
    private byte[] NameOf(string topic)
    {
        foreach (var (text, utf8) in _names)
        {
            if (ReferenceEquals(text, topic) || text == topic)
            {
                return utf8;
            }
        }

        if (_names.Count >= MaxTopics)
        {
            _names.Clear();
        }

        var name = new byte[System.Text.Encoding.UTF8.GetByteCount(topic) + 1];
        System.Text.Encoding.UTF8.GetBytes(topic, name);
        _names.Add((topic, name));
        return name;
    }

    private ReadOnlyMemory<byte> Lend(byte* data, nuint length) =>
        _bytes.Deserialize(data == null ? default : new ReadOnlySpan<byte>(data, checked((int)length)), data == null, default);

    // The topic's interned name: kept by the topic's handle, and checked against the name librdkafka gives each time (a
    // handle freed and its address reused for another topic must not pass for the first).
    private string TopicOf(nint topic)
    {
        var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(ConsumerNative.TopicName(topic));
        foreach (var (handle, utf8, text) in _topics)
        {
            if (handle == topic && name.SequenceEqual(utf8))
            {
                return text;
            }
        }

        if (_topics.Count >= MaxTopics)
        {
            _topics.Clear();
        }

        var interned = TopicTypes.Interned(System.Text.Encoding.UTF8.GetString(name));
        _topics.Add((topic, name.ToArray(), interned));
        return interned;
    }

    private Error FatalError()
    {
        const int size = 512;
        var text = stackalloc byte[size];
        var code = ConsumerNative.FatalError(_handle.DangerousGetHandle(), text, size);
        return new Error((ErrorCode)code, Marshal.PtrToStringUTF8((nint)text), isFatal: true);
    }
}
