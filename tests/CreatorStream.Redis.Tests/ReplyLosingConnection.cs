using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using StackExchange.Redis;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// A real connection whose next <c>lose</c> script evaluations run on the server but complete with no reply (null), as
/// StackExchange.Redis 1.2.6 could when a connection failed mid-reply. Everything else goes through unchanged.
/// </summary>
public class ReplyLosingConnection : DispatchProxy
{
    private IConnectionMultiplexer _inner = null!;
    private StrongBox<int> _lose = null!;

    public static IConnectionMultiplexer Wrap(IConnectionMultiplexer inner, int lose)
    {
        var proxy = Create<IConnectionMultiplexer, ReplyLosingConnection>();
        var self = (ReplyLosingConnection)(object)proxy;
        self._inner = inner;
        self._lose = new StrongBox<int>(lose);
        return proxy;
    }

    /// <summary>How many replies are still to be lost.</summary>
    public static int Remaining(IConnectionMultiplexer proxy) => Volatile.Read(ref ((ReplyLosingConnection)(object)proxy)._lose.Value);

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        var result = Call(method!, _inner, args);
        return method!.Name == nameof(IConnectionMultiplexer.GetDatabase) ? LosingDatabase.Wrap((IDatabase)result!, _lose) : result;
    }

    // The call on the real object, its own exceptions thrown as they are (not wrapped by reflection), as the store expects.
    private static object? Call(MethodInfo method, object target, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    public class LosingDatabase : DispatchProxy
    {
        private IDatabase _inner = null!;
        private StrongBox<int> _lose = null!;

        public static IDatabase Wrap(IDatabase inner, StrongBox<int> lose)
        {
            var proxy = Create<IDatabase, LosingDatabase>();
            var self = (LosingDatabase)(object)proxy;
            self._inner = inner;
            self._lose = lose;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            var result = Call(method!, _inner, args);
            return method!.Name == nameof(IDatabase.ScriptEvaluateAsync) && result is Task<RedisResult> reply && TakeOne() ? Lost(reply) : result;
        }

        private bool TakeOne()
        {
            for (var left = Volatile.Read(ref _lose.Value); left > 0; left = Volatile.Read(ref _lose.Value))
            {
                if (Interlocked.CompareExchange(ref _lose.Value, left - 1, left) == left)
                {
                    return true;
                }
            }

            return false;
        }

        private static async Task<RedisResult> Lost(Task<RedisResult> reply)
        {
            await reply; // the script ran
            return null!;
        }
    }
}
