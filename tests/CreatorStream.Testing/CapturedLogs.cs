using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CreatorStream.Testing;

/// <summary>A logger provider that keeps every entry as text (message, exception and scopes) for tests to search. Thread-safe.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        private readonly AsyncLocal<string?> _scope = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            var outer = _scope.Value;
            _scope.Value = $"{outer} {state}";
            return new Scope(() => _scope.Value = outer);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} {state} [{_scope.Value}]");
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
