namespace CreatorStream.Core.Commissions;

/// <summary>The lengths of a commission statement's period, and where a period starts and ends (UTC; docs/design.md, "Commissions").</summary>
public static class StatementPeriods
{
    public const string Day = "day";

    /// <summary>Monday 00:00 UTC to the next Monday.</summary>
    public const string Week = "week";

    /// <summary>The first of a calendar month, 00:00 UTC, to the first of the next.</summary>
    public const string Month = "month";

    public static readonly IReadOnlyList<string> All = [Day, Week, Month];

    /// <summary>The start (Unix ms) of the period of <paramref name="period"/>'s length that holds <paramref name="ts"/>.</summary>
    public static long Start(string period, long ts)
    {
        var day = DateTimeOffset.FromUnixTimeMilliseconds(ts).UtcDateTime.Date;
        var start = period switch
        {
            Day => day,
            Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            Month => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => throw new ArgumentException($"unknown statement period '{period}'", nameof(period)),
        };
        return new DateTimeOffset(start, TimeSpan.Zero).ToUnixTimeMilliseconds();
    }

    /// <summary>The end (exclusive) of the period that starts at <paramref name="start"/>: the next one's start.</summary>
    public static long End(string period, long start)
    {
        var from = DateTimeOffset.FromUnixTimeMilliseconds(start);
        return (period switch
        {
            Day => from.AddDays(1),
            Week => from.AddDays(7),
            Month => from.AddMonths(1),
            _ => throw new ArgumentException($"unknown statement period '{period}'", nameof(period)),
        }).ToUnixTimeMilliseconds();
    }

    /// <summary>A period's name in URLs and files: its first day, <c>yyyy-MM-dd</c>.</summary>
    public static string Name(long start) =>
        DateTimeOffset.FromUnixTimeMilliseconds(start).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
