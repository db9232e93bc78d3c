using System.Text.Json;

namespace CreatorStream.Host.Tests.Cli;

/// <summary>
/// The `creatorstream` executable runs with the garbage collector and JIT settings measured and chosen for it
/// (docs/benchmarks.md, sessions 13, 35 and 39), whatever the SDK's defaults: they are in its built runtime configuration.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void Executable_RunsWithServerBackgroundGcConservingMemory_AndNoCallCountingDelay()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "creatorstream.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal("9", Text(properties.GetProperty("System.GC.ConserveMemory")));
        Assert.False(properties.TryGetProperty("System.GC.HeapHardLimit", out _)); // conserving, not capping: the heap grows with the state
        Assert.Equal("0", Text(properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs")));
        foreach (var on in new[] { "System.Runtime.TieredCompilation", "System.Runtime.TieredCompilation.QuickJit", "System.Runtime.TieredPGO" })
        {
            // Tiered compilation, its quick JIT and its profile-guided optimization left on (sessions 34 and 35).
            Assert.True(!properties.TryGetProperty(on, out var value) || value.ValueKind == JsonValueKind.True, on);
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString();
}
