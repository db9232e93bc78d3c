using CreatorStream.Host.Cli;

namespace CreatorStream.Host.Composition;

/// <summary>
/// Reads a librdkafka properties file (<c>name=value</c> per line, <c>#</c> comments, blank lines ignored), the form
/// Kafka's own tools take, so any client setting (SASL/OAUTHBEARER, mTLS keys, timeouts) passes through unchanged.
/// librdkafka checks names and values when a client is built; this checks the file's shape, naming the line.
/// </summary>
public static class KafkaPropertiesFile
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string path)
    {
        var properties = new List<KeyValuePair<string, string>>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"option --kafka-config: {path} line {i + 1} is not name=value");
            }

            properties.Add(new(line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }

        return properties;
    }
}
