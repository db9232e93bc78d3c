using System.Text.Json;
using CreatorStream.Testing.Adversaries;
using CreatorStream.Testing.Measuring;

// Tunes for all families, then once per fake family left out, and writes what each tuning chose (docs/decisions/0012).
// The file is rewritten after every stage (about ten minutes each here), so a run stopped part way keeps what it chose.
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "tuning.json";
var tuner = new AuthenticityTuner(line => Console.Error.WriteLine($"tune: {line}"));
var started = DateTime.UtcNow;
var result = new TuningResult
{
    All = tuner.Tune(),
    Without = [],
    TrainingSeeds = [.. AuthenticityTuner.TrainingSeeds],
    MainTrainingSeeds = [.. AuthenticityTuner.MainTrainingSeeds],
};
await WriteAsync();
foreach (var family in AdversaryFamilies.Fakes)
{
    result.Without[family.ToString()] = tuner.Tune(family);
    await WriteAsync();
}

Console.Error.WriteLine($"tune: wrote {output} in {(DateTime.UtcNow - started).TotalMinutes:F1} min");

Task WriteAsync() => File.WriteAllTextAsync(output, JsonSerializer.Serialize(result, TuningResult.JsonOptions));
