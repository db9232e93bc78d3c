namespace CreatorStream.Simulation.Tests;

/// <summary>Lets the test classes that inspect <see cref="GeneratedSample"/> share one run instead of generating one each.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedSampleDefinition : ICollectionFixture<GeneratedSample>
{
    public const string Name = "Generated sample";
}
