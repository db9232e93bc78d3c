using System.Runtime.InteropServices;

namespace CreatorStream.Host.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM (what an orchestrator or <c>kill</c> sends) into one graceful stop: the worker finishes
/// the batch in flight, commits it and leaves its group. Without the SIGTERM handler .NET would exit at once (code 143).
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
        ];
    }

    public CancellationToken Token => _stopping.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stopping.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true; // stop gracefully: finish the in-flight batch, then exit
        _stopping.Cancel();
    }
}
