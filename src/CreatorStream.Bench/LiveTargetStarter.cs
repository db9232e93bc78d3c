namespace CreatorStream.Bench;

/// <summary>Starts the web role and worker pipeline the live bench measures (the Host's composition: BenchTarget).</summary>
public delegate Task<ILiveTarget> LiveTargetStarter(LiveTargetInputs inputs, CancellationToken cancellationToken);
