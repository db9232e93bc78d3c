using System.Reflection;
using System.Text;
using Confluent.Kafka;

namespace CreatorStream.Host.Tests.Collect;

/// <summary>
/// A producer whose every write is answered by a script: acknowledged, refused, failed, thrown, or left waiting (then its cancellation
/// ends it, as Confluent.Kafka's does). A unit test's fake: the collector against the real broker is in
/// <c>CollectorEndToEndTests</c>. Records the user keys it acknowledged.
/// </summary>
public class ScriptedProducer : DispatchProxy
{
    private Func<string, Message<byte[], byte[]>, Outcome> _script = null!;

    public enum Outcome
    {
        Acknowledged,
        Refused,
        Failed,
        Thrown,
        Waiting,
    }

    public List<string> Acknowledged { get; } = [];

    public static (IProducer<byte[], byte[]> Producer, ScriptedProducer Script) Create(Func<string, Message<byte[], byte[]>, Outcome> script)
    {
        var proxy = Create<IProducer<byte[], byte[]>, ScriptedProducer>();
        var self = (ScriptedProducer)(object)proxy;
        self._script = script;
        return (proxy, self);
    }

    /// <summary>The user id an event was keyed by.</summary>
    public static string UserOf(Message<byte[], byte[]> message) => Encoding.UTF8.GetString(message.Key);

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method!.Name != nameof(IProducer<byte[], byte[]>.ProduceAsync) || args![0] is not string topic)
        {
            return method.ReturnType == typeof(void) ? null : throw new NotSupportedException(method.Name);
        }

        var message = (Message<byte[], byte[]>)args[1]!;
        var cancellation = (CancellationToken)args[2]!;
        switch (_script(topic, message))
        {
            case Outcome.Acknowledged:
                lock (Acknowledged)
                {
                    Acknowledged.Add(UserOf(message));
                }

                return Task.FromResult(new DeliveryResult<byte[], byte[]> { Topic = topic, Message = message, Status = PersistenceStatus.Persisted });
            case Outcome.Refused:
                return Task.FromException<DeliveryResult<byte[], byte[]>>(new ProduceException<byte[], byte[]>(new Error(ErrorCode.Local_QueueFull, "Local: Queue full"), new DeliveryResult<byte[], byte[]> { Message = message }));
            case Outcome.Failed:
                return Task.FromException<DeliveryResult<byte[], byte[]>>(new ObjectDisposedException("producer"));
            case Outcome.Thrown:
                throw new InvalidOperationException("thrown before any write began");
            default:
                var waiting = new TaskCompletionSource<DeliveryResult<byte[], byte[]>>(TaskCreationOptions.RunContinuationsAsynchronously);
                cancellation.Register(() => waiting.TrySetCanceled(cancellation));
                return waiting.Task;
        }
    }
}
