using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CreatorStream.Testing;

/// <summary>
/// kcat (Debian package <c>kcat</c>, installed by <c>./dev test</c>) as a producer that is not ours: a C client on the
/// same librdkafka, configured as a third party would configure it, for tests of what our consumers get from others.
/// </summary>
public static class Kcat
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Produces <paramref name="records"/> with <c>kcat -P</c>, one run per topic (in the order topics first appear, each
    /// topic's records in order), and returns once kcat has exited with every record acknowledged.
    /// </summary>
    /// <param name="bootstrapServers">The brokers, e.g. <c>EmbeddedBroker.BootstrapServers</c>.</param>
    /// <param name="records">The records; see <see cref="KcatRecord"/> for what a key and value may hold.</param>
    /// <param name="partitioner">
    /// librdkafka's <c>partitioner</c>: <c>murmur2_random</c> places keys as the Java client does; null keeps librdkafka's
    /// default, <c>consistent_random</c> (CRC32 of the key). Records with no key are placed by librdkafka's sticky
    /// partitioner, one random partition per <c>sticky.partitioning.linger.ms</c> (10 ms) window: a burst of 2,000
    /// landed on 1 partition in some runs and over all 24 in others. Set that setting to 0 in
    /// <paramref name="settings"/> for a partition drawn per record.
    /// </param>
    /// <param name="settings">More <c>-X name=value</c> librdkafka settings.</param>
    /// <param name="timeout">How long each kcat run may take (default 30 s); records not acknowledged by then fail it.</param>
    /// <exception cref="ArgumentException">A key or value holds a character kcat's line format cannot carry.</exception>
    /// <exception cref="InvalidOperationException">kcat failed (exit code 127: not installed); the message has its standard error.</exception>
    /// <exception cref="TimeoutException">kcat had not exited within <paramref name="timeout"/>; it is killed.</exception>
    public static async Task ProduceAsync(
        string bootstrapServers,
        IEnumerable<KcatRecord> records,
        string? partitioner = null,
        IReadOnlyDictionary<string, string>? settings = null,
        TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        foreach (var topic in records.GroupBy(record => record.Topic, StringComparer.Ordinal))
        {
            var options = new Dictionary<string, string>(settings ?? new Dictionary<string, string>(), StringComparer.Ordinal);

            // kcat waits for the acknowledgements and exits 1 on a failed delivery; this makes it give up (and say which
            // delivery failed) before the wait here does, unless the caller chose its own.
            options.TryAdd("message.timeout.ms", ((int)(limit.TotalMilliseconds * 0.8)).ToString(CultureInfo.InvariantCulture));
            if (partitioner is not null)
            {
                options["partitioner"] = partitioner;
            }

            await RunAsync(bootstrapServers, topic.Key, Lines(topic), options, limit);
        }
    }

    private static async Task RunAsync(string bootstrapServers, string topic, string lines, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        // -K: the key is what comes before the line's first tab; a line with no tab is a record with no key.
        var arguments = new List<string> { "-P", "-b", bootstrapServers, "-t", topic, "-K", "\t" };
        foreach (var (name, value) in settings)
        {
            arguments.AddRange(["-X", $"{name}={value}"]);
        }

        var info = OrphanGuard.StartInfo("kcat", arguments);
        info.RedirectStandardInput = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("sh did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(timeout);
        try
        {
            try
            {
                await process.StandardInput.WriteAsync(lines.AsMemory(), patience.Token);
                process.StandardInput.Close(); // end of input: kcat flushes, waits for the acknowledgements and exits
            }
            catch (IOException)
            {
                // kcat exited before reading everything (not installed, or a bad setting): its exit code says why.
            }

            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"kcat producing to {topic} did not exit within {timeout}; its standard error:\n{await errors}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"kcat producing to {topic} exited with code {process.ExitCode} (127: not installed; ./dev test installs it):\n{await errors}{await output}");
        }
    }

    private static string Lines(IEnumerable<KcatRecord> records)
    {
        var lines = new StringBuilder();
        foreach (var record in records)
        {
            if (record.Key is { } key && key.AsSpan().IndexOfAny('\t', '\n') >= 0)
            {
                throw new ArgumentException($"kcat cannot carry a tab or newline in a key: '{key}'", nameof(records));
            }

            if (record.Value.Contains('\n', StringComparison.Ordinal) || (record.Key is null && record.Value.Contains('\t', StringComparison.Ordinal)))
            {
                throw new ArgumentException($"kcat cannot carry this value (a newline, or a tab with no key): '{record.Value}'", nameof(records));
            }

            lines.Append(record.Key is null ? record.Value : $"{record.Key}\t{record.Value}").Append('\n');
        }

        return lines.ToString();
    }
}
