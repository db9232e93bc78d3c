using System.Diagnostics;
using System.Text.Json;

namespace CreatorStream.Host.Tests.Export;

/// <summary>
/// Reads an Arrow IPC stream with the official <c>apache-arrow</c> npm package (tests/arrow-reader/read.mjs, its
/// version pinned in that folder's lockfile), an implementation independent of ours. Fails, never skips, when the
/// package is not installed: <c>./dev test</c> installs it with <c>npm ci</c>.
/// </summary>
internal static class ArrowJsReader
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> ReadAsync(byte[] arrowStream)
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "arrow-reader");
        Assert.True(
            File.Exists(Path.Combine(folder, "node_modules", "apache-arrow", "package.json")),
            $"apache-arrow is not installed in {folder}: run `npm ci` there (./dev test does)");

        using var dir = new Testing.TempDirectory("creatorstream-arrows-");
        var file = dir.Combine("stream.arrows");
        await File.WriteAllBytesAsync(file, arrowStream);
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        info.ArgumentList.Add(Path.Combine(folder, "read.mjs"));
        info.ArgumentList.Add(file);
        using var node = Process.Start(info) ?? throw new InvalidOperationException("could not start node");
        using var timeout = new CancellationTokenSource(Timeout);
        var output = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = node.StandardError.ReadToEndAsync(timeout.Token);
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"apache-arrow could not read the stream (exit {node.ExitCode}): {await error}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CreatorStream.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no directory above {AppContext.BaseDirectory} contains CreatorStream.sln");
    }
}
