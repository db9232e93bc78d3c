using System.Globalization;
using System.Text.Json;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// Figures as the dashboard writes them (dashboard/src/format.ts, en-US), worked out here from the API's values so a test
/// compares the page with the API. The tests run without ICU: the invariant culture's N formats are en-US's.
/// </summary>
internal static class PageText
{
    private static readonly CultureInfo Us = CultureInfo.InvariantCulture;

    /// <summary>Rounded as Intl.NumberFormat rounds: the shortest decimal of the double, half away from zero.</summary>
    public static decimal Rounded(double value, int decimals) => Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>12,345.</summary>
    public static string Count(double value) => Rounded(value, 0).ToString("N0", Us);

    /// <summary>US dollars: $1,234.50, -$5.00.</summary>
    public static string Money(double value) => (value < 0 ? "-$" : "$") + Math.Abs(Rounded(value, 2)).ToString("N2", Us);

    /// <summary>A ratio as a percentage with two decimals: 17.50%.</summary>
    public static string Percent(double value) => Math.Round((decimal)value * 100, 2, MidpointRounding.AwayFromZero).ToString("N2", Us) + "%";

    /// <summary>A share with one decimal: 2.5%.</summary>
    public static string Share(double value) => Math.Round((decimal)value * 100, 1, MidpointRounding.AwayFromZero).ToString("N1", Us) + "%";

    /// <summary>A multiple such as ROAS: 2.35×.</summary>
    public static string Multiple(double value) => Rounded(value, 2).ToString("N2", Us) + "×";

    /// <summary>"≈ 1,234 (900 to 1,561)": an interval of the API (estimate, low, high) as the page writes it.</summary>
    public static string Estimate(JsonElement interval, Func<double, string> format) =>
        $"≈ {format(interval.GetProperty("estimate").GetDouble())} ({format(interval.GetProperty("low").GetDouble())} to {format(interval.GetProperty("high").GetDouble())})";
}
