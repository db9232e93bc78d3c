namespace CreatorStream.Host.Cli;

/// <summary>Process exit codes, stable for scripts and service managers; <c>creatorstream --help</c> lists them.</summary>
public static class ExitCodes
{
    /// <summary>Done, or stopped on request after finishing the work in flight (run, worker, web).</summary>
    public const int Success = 0;

    /// <summary>Failed while running (a bug, or a fault that is not the caller's input); the message says what.</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or configuration (an option, a campaign file, a missing file); nothing was started.</summary>
    public const int Usage = 2;

    /// <summary>Something the verb needs could not be reached or used: Kafka, Redis, the listen address.</summary>
    public const int Unavailable = 3;

    /// <summary>Interrupted (Ctrl+C) before a finite job (replay, generate, produce, bench) was done: 128 + SIGINT, as shells expect.</summary>
    public const int Interrupted = 130;

    /// <summary>The lines <c>--help</c> prints about the codes.</summary>
    public static IReadOnlyList<string> Described { get; } =
    [
        $"{Success}    done, or stopped on request after the work in flight",
        $"{Failure}    failed while running",
        $"{Usage}    bad option or configuration: nothing was started",
        $"{Unavailable}    Kafka, Redis or the listen address could not be reached or used",
        $"{Interrupted}  interrupted (Ctrl+C) before a finite job was done",
    ];
}
