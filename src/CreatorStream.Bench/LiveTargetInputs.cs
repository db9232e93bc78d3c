using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Kafka;
using CreatorStream.Processing.Pipeline;

namespace CreatorStream.Bench;

/// <summary>What the live bench hands the target it measures: where to read, what to commit to, whom to let in.</summary>
/// <param name="Kafka">The broker the bench produces to.</param>
/// <param name="Catalog">The generator's campaigns.</param>
/// <param name="Store">The store to commit to (the bench's measuring wrapper around memory or Redis).</param>
/// <param name="Changes">The change feed the pipeline announces commits on and the web role listens to.</param>
/// <param name="ApiKey">The one key the web role accepts (for every campaign).</param>
/// <param name="GroupPrefix">Consumer group prefix, new per run so no old offsets apply.</param>
/// <param name="HubUpdateInterval">How often the hub pushes updates.</param>
/// <param name="Processor">The pipeline's event-time and input options.</param>
public sealed record LiveTargetInputs(
    KafkaClientSettings Kafka,
    CampaignCatalog Catalog,
    IStateStore Store,
    ICampaignChangeFeed Changes,
    string ApiKey,
    string GroupPrefix,
    TimeSpan HubUpdateInterval,
    Core.Streaming.ProcessorOptions Processor);
