using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Pipeline;

/// <summary>Sinks that keep what they are given in memory: for replay, where nothing leaves the process.</summary>
public sealed class CollectingSinks : IDeadLetterSink, IWindowSink
{
    private readonly List<DeadLetter> _deadLetters = [];
    private readonly List<ClosedWindow> _windows = [];

    /// <summary>Whether closed windows are kept (replay keeps none by default: the report does not list them).</summary>
    public bool KeepWindows { get; init; }

    public IReadOnlyList<DeadLetter> DeadLetters => _deadLetters;

    public IReadOnlyList<ClosedWindow> Windows => _windows;

    public Task PublishAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        lock (_deadLetters)
        {
            _deadLetters.AddRange(deadLetters);
        }

        return Task.CompletedTask;
    }

    public Task PublishAsync(IReadOnlyList<ClosedWindow> windows, long version, CancellationToken cancellationToken)
    {
        if (KeepWindows)
        {
            lock (_windows)
            {
                _windows.AddRange(windows);
            }
        }

        return Task.CompletedTask;
    }
}
