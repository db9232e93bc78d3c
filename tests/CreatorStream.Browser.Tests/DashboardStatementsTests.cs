using Microsoft.Playwright;
using static CreatorStream.Browser.Tests.PageText;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The commission statements panel (docs/design.md, "Commissions") in a real browser: a person with an approver key
/// approves one statement and rejects another with a reason, and the page, the audit trail and the API agree; a viewer
/// key sees the statements without the buttons, and the API refuses it a decision even when asked directly from the page.
/// Figures by hand (CommissionScenario at 30 h).
/// </summary>
public sealed class DashboardStatementsTests(CommissionWebFixture web) : IClassFixture<CommissionWebFixture>, IAsyncLifetime
{
    private const float Ms = 20_000;
    private BrowserSession? _browser;

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task ApproverKey_ApprovesOneStatementAndRejectsAnother_TheAuditSaysWhoAndWhy()
    {
        var page = await OpenAsync(CommissionWebFixture.ApproverKey);
        var panel = page.GetByTestId("statements-panel");
        var ben = panel.Locator("tr[data-statement='ben|2026-03-02']");
        await Assertions.Expect(ben.Locator("[data-col=payable]")).ToContainTextAsync(Money(106), new() { Timeout = Ms });
        await Assertions.Expect(ben.Locator("[data-col=held]")).ToContainTextAsync(Money(5));
        await Assertions.Expect(panel.GetByTestId("statements-viewer-note")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve ben 2026-03-02" }).ClickAsync();

        await Assertions.Expect(ben).ToHaveAttributeAsync("data-state", "approved", new() { Timeout = Ms });
        await Assertions.Expect(ben.Locator("[data-col=decision]")).ToContainTextAsync($"Approved by {CommissionWebFixture.Approver}");
        await Assertions.Expect(ben.GetByRole(AriaRole.Button, new() { Name = "Approve ben 2026-03-02" })).ToHaveCountAsync(0); // final

        var anna = panel.Locator("tr[data-statement='anna|2026-03-02']");
        await anna.GetByTestId("statement-reason").FillAsync("her flat fee is in the contract already");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject anna 2026-03-02" }).ClickAsync();

        await Assertions.Expect(anna).ToHaveAttributeAsync("data-state", "rejected", new() { Timeout = Ms });
        await Assertions.Expect(anna.Locator("[data-col=decision]")).ToContainTextAsync("her flat fee is in the contract already");
        var audit = panel.GetByTestId("statements-audit");
        await audit.Locator("summary").ClickAsync();
        await Assertions.Expect(audit.GetByTestId("audit-entry")).ToHaveCountAsync(2, new() { Timeout = Ms });
        await Assertions.Expect(audit.Locator("[data-testid=audit-entry][data-action=approve][data-statement='ben|2026-03-02']")).ToContainTextAsync(CommissionWebFixture.Approver);
        await Assertions.Expect(audit.Locator("[data-testid=audit-entry][data-action=reject][data-statement='anna|2026-03-02']")).ToContainTextAsync("her flat fee is in the contract already");

        // The API says the same, and the approved statement is frozen at what the page showed.
        var stored = await page.EvaluateAsync<double>(
            $"async () => (await (await fetch('/api/campaigns/spring/statements', {{ headers: {{ 'X-Api-Key': '{CommissionWebFixture.ApproverKey}' }} }})).json())" +
            ".statements.find(s => s.statement_id === 'ben|2026-03-02' && s.state === 'approved').payable");
        Assert.Equal(106.0, stored, 9);
    }

    [Fact]
    public async Task ViewerKey_SeesTheStatementsWithoutButtons_AndTheApiRefusesItADecision()
    {
        var page = await OpenAsync(CommissionWebFixture.ViewerKey);
        var panel = page.GetByTestId("statements-panel");
        await Assertions.Expect(panel.GetByTestId("statement-row")).ToHaveCountAsync(4, new() { Timeout = Ms }); // anna and ben, two days each
        await Assertions.Expect(panel.GetByTestId("statements-viewer-note")).ToHaveTextAsync("Your key can view statements; approving needs an approver key.");
        await Assertions.Expect(panel.Locator("button[data-action=approve]")).ToHaveCountAsync(0);
        await Assertions.Expect(panel.Locator("button[data-action=reject]")).ToHaveCountAsync(0);
        await Assertions.Expect(panel.Locator("tr[data-statement='anna|2026-03-02'] [data-col=held]")).ToContainTextAsync(Money(23));

        // Asked directly, from the page, with the viewer's key: refused with the reason.
        var answer = await page.EvaluateAsync<string>(
            $"async () => {{ const r = await fetch('/api/campaigns/spring/statements/anna/2026-03-03/approve', {{ method: 'POST', headers: {{ 'X-Api-Key': '{CommissionWebFixture.ViewerKey}', 'Content-Type': 'application/json' }}, body: '{{}}' }}); return r.status + ' ' + await r.text(); }}");
        Assert.StartsWith("403 ", answer, StringComparison.Ordinal);
        Assert.Contains("needs an approver key", answer, StringComparison.Ordinal);
    }

    private async Task<IPage> OpenAsync(string key)
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/?key={key}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", new() { Timeout = Ms });
        await page.GetByTestId("statements-panel").ScrollIntoViewIfNeededAsync();
        return page;
    }

}
