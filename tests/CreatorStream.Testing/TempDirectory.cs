namespace CreatorStream.Testing;

/// <summary>
/// A uniquely named folder under the temporary path for one test or fixture, deleted with everything in it on
/// <see cref="Dispose"/>, so a run leaves nothing behind in <c>/tmp</c>, whether the test passed or failed:
/// <c>using var dir = new TempDirectory("replay-");</c>, or a field deleted in the class's or fixture's
/// <c>Dispose</c>/<c>DisposeAsync</c>. Stop a child process that uses the folder before disposing it.
/// </summary>
/// <remarks>
/// The delete is best effort and never throws (a throw from <c>Dispose</c> would hide the test's own failure): a
/// folder or file already gone is fine, and one that will not go at once (a process that has just exited still
/// finishing its last write) is tried again for about a second, then left.
/// </remarks>
public sealed class TempDirectory : IDisposable
{
    private const int Attempts = 10;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Creates the folder: <paramref name="prefix"/> and six random characters, under the temporary path.</summary>
    /// <param name="prefix">The start of the folder's name, which tells whose it is (e.g. <c>replay-</c>).</param>
    public TempDirectory(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// A folder for data a test class builds once per process (static theory data), which no test owns: deleted when
    /// the process exits.
    /// </summary>
    /// <param name="prefix">The start of the folder's name, as for the constructor.</param>
    public static TempDirectory UntilProcessExit(string prefix)
    {
        var directory = new TempDirectory(prefix);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => directory.Dispose();
        return directory;
    }

    /// <summary>The path of <paramref name="name"/> in the folder (nothing is created).</summary>
    /// <param name="name">A file or folder name, or a relative path.</param>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the folder and everything in it, best effort (see the remarks); never throws.</summary>
    public void Dispose()
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (!Directory.Exists(Path))
                {
                    return; // gone already, or taken away while it was being deleted
                }

                if (attempt < Attempts)
                {
                    Thread.Sleep(RetryDelay);
                }
            }
        }
    }
}
