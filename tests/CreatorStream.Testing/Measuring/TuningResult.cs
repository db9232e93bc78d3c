using System.Text.Json;

namespace CreatorStream.Testing.Measuring;

/// <summary>What the tuner chose (tests/CreatorStream.Tuning writes it; the held-out tests read it). Immutable once read.</summary>
public sealed record TuningResult
{
    public static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The choice with every family in the training scenarios: the classifier's defaults must be these.</summary>
    public required Dictionary<string, double> All { get; init; }

    /// <summary>For each fake family (by name), the choice made with that family left out of the training scenarios.</summary>
    public required Dictionary<string, Dictionary<string, double>> Without { get; init; }

    public required List<int> TrainingSeeds { get; init; }

    public required List<int> MainTrainingSeeds { get; init; }

    /// <summary>The file committed beside this type, as the tuner last wrote it.</summary>
    public static TuningResult Committed()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Measuring", "tuning.json");
        return JsonSerializer.Deserialize<TuningResult>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidDataException($"{path} is empty");
    }
}
