using System.Text.Json;
using Microsoft.Playwright;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// axe-core's accessibility check on a page as it stands (dashboard/node_modules/axe-core). The page must come from a
/// context with <c>BypassCSP</c>: axe is injected as a script, and the page's own policy allows only its files.
/// </summary>
internal static class Axe
{
    /// <summary>Every violation as "impact id ×nodes: the first three targets and why".</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = RepositoryFiles.AxeScript });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return r.violations.map(v => `${v.impact} ${v.id} ×${v.nodes.length}: ` +
                v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.any[0]?.message ?? '')).join(' | '));
            }
            """);
        return result.EnumerateArray().Select(v => v.GetString() ?? "").ToList();
    }

    /// <summary>Those a person relying on a screen reader or a keyboard cannot get past: serious or critical.</summary>
    public static IEnumerable<string> Serious(IEnumerable<string> violations) =>
        violations.Where(v => v.StartsWith("serious", StringComparison.Ordinal) || v.StartsWith("critical", StringComparison.Ordinal));
}
