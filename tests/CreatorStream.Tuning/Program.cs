using System.Text.Json;
using CreatorStream.Testing.Adversaries;
using CreatorStream.Testing.Measuring;

// Tunes for all families, then once per fake family left out, and writes what each tuning chose (docs/decisions/0012).
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "tuning.json";
var tuner = new AuthenticityTuner(line => Console.Error.WriteLine($"tune: {line}"));
var started = DateTime.UtcNow;
var result = new TuningResult
{
    All = tuner.Tune(),
    Without = AdversaryFamilies.Fakes.ToDictionary(f => f.ToString(), f => tuner.Tune(f)),
    TrainingSeeds = [.. AuthenticityTuner.TrainingSeeds],
    MainTrainingSeeds = [.. AuthenticityTuner.MainTrainingSeeds],
};
await File.WriteAllTextAsync(output, JsonSerializer.Serialize(result, TuningResult.JsonOptions));
Console.Error.WriteLine($"tune: wrote {output} in {(DateTime.UtcNow - started).TotalMinutes:F1} min");
