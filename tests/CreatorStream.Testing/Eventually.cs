namespace CreatorStream.Testing;

/// <summary>Polls a condition of a real, asynchronous system until it holds or a deadline passes; bounded in time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = default(T);
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (condition(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                lastError = e;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{what} did not happen within {timeout}; last value: {last}", lastError);
    }
}
