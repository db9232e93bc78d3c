namespace CreatorStream.Browser.Tests;

/// <summary>Files of this repository the tests read (the axe-core script the dashboard's lockfile installs).</summary>
public static class RepositoryFiles
{
    /// <summary>axe-core's browser build, from <c>dashboard/node_modules</c> (<c>./dev test</c> runs <c>npm ci</c> there first).</summary>
    public static string AxeScript => Find(Path.Combine("dashboard", "node_modules", "axe-core", "axe.min.js"));

    private static string Find(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}: run npm ci in dashboard/");
    }
}
