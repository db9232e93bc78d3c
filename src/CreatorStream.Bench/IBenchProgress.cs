namespace CreatorStream.Bench;

/// <summary>
/// Where a bench reports how far it has got: the executable prints it on standard error, at most once a second unless
/// <c>force</c> marks a milestone that must be shown. Implementations are thread-safe.
/// </summary>
public interface IBenchProgress
{
    void Report(string line, bool force = false);
}
