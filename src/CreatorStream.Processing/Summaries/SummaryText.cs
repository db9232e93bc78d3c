using System.Globalization;
using System.Net;
using System.Text;

namespace CreatorStream.Processing.Summaries;

/// <summary>
/// A <see cref="CreatorSummary"/> as a mailer sends it (docs/design.md, "Creator summaries"): a subject, a plain-text
/// body and an HTML body saying the same, every value escaped in the HTML. Invariant culture throughout, so the same
/// summary gives the same bytes on any machine. Pure.
/// </summary>
public static class SummaryText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One line: control characters (a line break in a campaign's name) become spaces, so a mailer cannot take part of it for a header.</summary>
    public static string Subject(CreatorSummary s) => new([.. string.Create(Invariant, $"{s.CampaignName}: your {s.Period} of {Day(s.PeriodStart)}: {s.Figures.Clicks:N0} clicks, {s.Figures.Conversions:N0} conversions")
        .Select(c => char.IsControl(c) ? ' ' : c)]);

    public static string Plain(CreatorSummary s)
    {
        var text = new StringBuilder();
        text.Append(Invariant, $"Hello {s.Name},\n\nYour {s.Period} of {Day(s.PeriodStart)} on {s.CampaignName}:\n\n");
        foreach (var (label, value) in Lines(s))
        {
            text.Append(Invariant, $"  {label}: {value}\n");
        }

        if (s.Milestones.Count > 0)
        {
            text.Append("\nMilestones:\n");
            foreach (var milestone in s.Milestones)
            {
                text.Append(Invariant, $"  - {milestone}\n");
            }
        }

        return text.Append(Invariant, $"\n{Footer(s)}\n").ToString();
    }

    public static string Html(CreatorSummary s)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(Subject(s))).Append("</title></head>\n<body style=\"font-family:sans-serif\">\n");
        html.Append(Invariant, $"<p>Hello {E(s.Name)},</p>\n<p>Your {E(s.Period)} of {E(Day(s.PeriodStart))} on <strong>{E(s.CampaignName)}</strong>:</p>\n<table>\n");
        foreach (var (label, value) in Lines(s))
        {
            html.Append(Invariant, $"<tr><th scope=\"row\" style=\"text-align:left\">{E(label)}</th><td>{E(value)}</td></tr>\n");
        }

        html.Append("</table>\n");
        if (s.Milestones.Count > 0)
        {
            html.Append("<h2>Milestones</h2>\n<ul>\n");
            foreach (var milestone in s.Milestones)
            {
                html.Append(Invariant, $"<li>{E(milestone)}</li>\n");
            }

            html.Append("</ul>\n");
        }

        return html.Append(Invariant, $"<p><small>{E(Footer(s))}</small></p>\n</body></html>\n").ToString();
    }

    private static IEnumerable<(string Label, string Value)> Lines(CreatorSummary s)
    {
        var (now, before) = (s.Figures, s.Previous);
        yield return ("Clicks", Count(now.Clicks, before?.Clicks, s.Period));
        yield return ("Conversions", Count(now.Conversions, before?.Conversions, s.Period));
        if (now.CommissionAccrued is { } accrued)
        {
            var state = now.StatementState switch
            {
                "approved" => "approved",
                "rejected" => "under review again",
                _ => "a draft, not yet approved",
            };
            yield return ("Commission accrued", string.Create(Invariant, $"{s.Currency} {accrued:N2} (held {now.CommissionHeld:N2}, payable {now.CommissionPayable:N2}; {state}){Change(accrued, before?.CommissionAccrued, s.Period, money: true)}"));
        }

        yield return ("Impressions", Count(now.Impressions, before?.Impressions, s.Period));
        yield return ("Engagements", Count(now.Engagements, before?.Engagements, s.Period));
    }

    private static string Count(long value, long? before, string period) => string.Create(Invariant, $"{value:N0}{Change(value, before, period, money: false)}");

    private static string Change(double value, double? before, string period, bool money)
    {
        if (before is not { } was)
        {
            return "";
        }

        // Money to the cent before comparing: 5.7200000001 against 5.72 is no change.
        (value, was) = money ? (Math.Round(value, 2), Math.Round(was, 2)) : (value, was);
        var difference = value - was;
        var amount = money ? Math.Abs(difference).ToString("N2", Invariant) : Math.Abs(difference).ToString("N0", Invariant);
        var from = money ? was.ToString("N2", Invariant) : was.ToString("N0", Invariant);
        return difference switch
        {
            0 => $" (the same as the {period} before)",
            > 0 => $" (up {amount} from {from} the {period} before)",
            _ => $" (down {amount} from {from} the {period} before)",
        };
    }

    private static string Footer(CreatorSummary s) =>
        $"Figures as of {DateTimeOffset.FromUnixTimeMilliseconds(s.AsOf).UtcDateTime.ToString("yyyy-MM-dd HH:mm", Invariant)} UTC. "
        + "Conversions count the orders you had a part in under any attribution model."
        + (s.Figures.CommissionAccrued is null ? "" : " Commission is a draft until the brand approves it; nothing in this summary is a payment.");

    private static string Day(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("d MMMM yyyy", Invariant);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
