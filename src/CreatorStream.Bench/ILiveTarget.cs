namespace CreatorStream.Bench;

/// <summary>
/// What the live bench measures, started by the executable that hosts it (<see cref="LiveTargetStarter"/>): the
/// worker's pipeline consuming the ingest topics and committing to the bench's store, and a web role pushing that
/// store's figures to hub clients. The bench owns the broker, the store and the hub client; the target owns the rest.
/// </summary>
public interface ILiveTarget : IAsyncDisposable
{
    /// <summary>The web role's hub (an http URL), open to <see cref="LiveTargetInputs.ApiKey"/>.</summary>
    Uri HubUri { get; }

    /// <summary>Whether the pipeline has joined its consumer groups: partitions assigned and a batch committed.</summary>
    bool Joined { get; }

    /// <summary>Whether any partition is assigned to the pipeline yet: before that it reads nothing.</summary>
    bool Assigned { get; }

    /// <summary>The pipeline's run: completes only when it fails or is stopped.</summary>
    Task Running { get; }

    /// <summary>Stops the pipeline (the batches in flight commit), then the web role.</summary>
    Task StopAsync();
}
