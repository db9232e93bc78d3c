using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorStream.Core.Configuration;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;
using CreatorStream.Processing.Replay;
using CreatorStream.Simulation;
using CreatorStream.Testing;
using CreatorStream.Testing.Fuzz;
using Xunit.Abstractions;

namespace CreatorStream.Host.Tests.Fuzz;

/// <summary>
/// Issue 9: bad input, tried. Thousands of malformed records of every kind mixed among valid ones go through
/// <c>creatorstream replay</c> (the verb, in process): nothing crashes, the report is the valid records' report with
/// one more dead letter per bad record (counted under its reason), and every bad record is in the dead-letter file with the reason it was made for.
/// </summary>
public sealed class ReplayFuzzTests(ITestOutputHelper log)
{
    [Fact]
    public async Task RunAsync_ThousandsOfBadRecordsAmongValidOnes_ReportEqualsTheValidOnesAloneAndEveryBadOneIsADeadLetterWithItsReason()
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = 9, StartMs = EventBuilder.T0, MaxEvents = 6_000, EventsPerSecond = 100, MalformedRate = 0 });
        var valid = generator.Generate().ToList();
        var mix = new FuzzRecordGenerator(new FuzzOptions { Seed = 9, BadRecords = 3_600 }).Mix(valid);
        var bad = mix.Where(r => r.IsBad).ToList();
        using var dir = new TempDirectory("replay-fuzz-");
        var campaigns = dir.Combine("campaigns.json");
        await File.WriteAllTextAsync(campaigns, CampaignCatalog.From(generator.Campaigns).ToJson());

        var alone = await ReplayAsync(dir, "alone", campaigns, valid.Select(r => r.Value));
        var stopwatch = Stopwatch.StartNew();
        var mixed = await ReplayAsync(dir, "mixed", campaigns, mix.Select(r => r.Value));
        stopwatch.Stop();

        var letters = mixed.DeadLetters.ToDictionary(l => l.GetProperty("offset").GetInt32());
        var wrong = new List<string>();
        for (var offset = 0; offset < mix.Count; offset++)
        {
            if (mix[offset] is { IsBad: true } record)
            {
                wrong.AddRange(Check(offset, record, letters.GetValueOrDefault(offset)));
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} bad records wrongly handled, e.g.\n{string.Join("\n", wrong.Take(20))}");
        alone.Report["dead_letters"] = alone.Report["dead_letters"]!.GetValue<long>() + bad.Count;
        var byReasonAlone = alone.Report["dead_letters_by_reason"]!.AsObject();
        foreach (var reason in bad.GroupBy(r => r.ExpectedReason!))
        {
            byReasonAlone[reason.Key] = (byReasonAlone[reason.Key]?.GetValue<long>() ?? 0) + reason.Count();
        }

        Assert.Empty(ReportComparison.Differences(mixed.Report, alone.Report));
        Assert.Equal(alone.DeadLetters.Count + bad.Count, mixed.DeadLetters.Count);
        var byKind = bad.GroupBy(r => r.Kind!.Value).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()} ({g.First().ExpectedReason})");
        var byReason = mixed.DeadLetters.GroupBy(l => l.GetProperty("reason").GetString()).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        log.WriteLine($"{valid.Count} valid + {bad.Count} bad records, mixed replay {stopwatch.ElapsedMilliseconds} ms");
        log.WriteLine("bad records by kind: " + string.Join(", ", byKind));
        log.WriteLine("dead letters by reason: " + string.Join(", ", byReason));
    }

    /// <summary>What is wrong with a bad record's dead letter: missing, another reason, or other bytes.</summary>
    private static IEnumerable<string> Check(int offset, FuzzRecord record, JsonElement letter)
    {
        if (letter.ValueKind == JsonValueKind.Undefined)
        {
            yield return $"line {offset} ({record.Kind}) is not a dead letter";
            yield break;
        }

        if (letter.GetProperty("reason").GetString() != record.ExpectedReason)
        {
            yield return $"line {offset} ({record.Kind}): {letter.GetProperty("reason").GetString()}, expected {record.ExpectedReason} ({letter.GetProperty("message").GetString()})";
        }

        // The reader keeps the first MiB of a longer line (it is oversize either way).
        var expected = record.Value.AsSpan(0, Math.Min(record.Value.Length, JsonLinesReader.MaxKeptLineBytes));
        var actual = letter.TryGetProperty("value", out var text) ? Encoding.UTF8.GetBytes(text.GetString()!) : letter.GetProperty("value_base64").GetBytesFromBase64();
        if (!expected.SequenceEqual(actual))
        {
            yield return $"line {offset} ({record.Kind}): the dead letter's bytes differ from the record's";
        }
    }

    private static async Task<(JsonNode Report, List<JsonElement> DeadLetters)> ReplayAsync(TempDirectory dir, string name, string campaigns, IEnumerable<byte[]> lines)
    {
        var events = dir.Combine(name + ".jsonl");
        await using (var file = File.Create(events))
        {
            foreach (var line in lines)
            {
                file.Write(line);
                file.WriteByte((byte)'\n');
            }
        }

        var report = dir.Combine(name + ".report.json");
        var deadLetters = dir.Combine(name + ".dead.jsonl");
        var verb = new ReplayVerb(TextWriter.Null, TextWriter.Null, new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(EventBuilder.T0)));
        var code = await verb.RunAsync(ParsedArgs.Parse(["--events", events, "--campaigns", campaigns, "--out", report, "--dead-letters", deadLetters], verb.Options), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, code);
        var letters = (await File.ReadAllLinesAsync(deadLetters)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (JsonNode.Parse(await File.ReadAllTextAsync(report))!, letters);
    }
}
