using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CareMesh.Browser.Tests.Team;

/// <summary>
/// A team lead's day: the team's caseloads against capacity, the allocation queue with CareMesh's suggestion and its
/// reason, the overdue lists and open escalations, and who has looked at a person's record, through the real gateway.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public class TeamPageTests(WorkspaceFixture workspace)
{
    [Fact]
    public async Task A_team_lead_sees_the_balance_allocates_from_the_queue_on_the_suggestion_and_looks_up_who_viewed_the_record()
    {
        await workspace.Api.TeamMemberAsync("dev-care-coordinator", "Casey Coordinator", "care-coordinator");
        // Urgent, so it is at the head of a queue other tests also leave referrals in.
        var referral = await workspace.Api.ReferralReceivedAsync("Nell", "Gwyn", urgency: "urgent");
        using var lead = workspace.Api.As("team-lead");
        await workspace.Api.PostAsync(lead, $"/api/referrals/{referral}/triage", new { role = "care-coordinator", complexity = "standard" });
        var nhsNumber = (await lead.GetFromJsonAsync<JsonElement>($"/api/referrals/{referral}")).GetProperty("patient").GetProperty("nhsNumber").GetString()!;
        var page = await workspace.SignInAsync("Tam Lead");

        // The balance: a chart and the same figures in a table.
        await page.GetByRole(AriaRole.Link, new() { Name = "The team", Exact = true }).ClickAsync();
        Assert.EndsWith("/team", page.Url);
        var casey = page.Locator("tbody tr", new() { HasText = "Casey Coordinator" });
        Assert.Contains("500", await casey.InnerTextAsync());
        Assert.True(await page.Locator("figure svg[role=img] rect").CountAsync() >= 1);
        await Chromium.CheckedAsync(page, "team-balance");

        // The queue: the suggestion and why, then allocation on it.
        await page.GetByRole(AriaRole.Link, new() { Name = "to be allocated" }).ClickAsync();
        var row = page.Locator("tbody tr", new() { HasText = "Nell Gwyn" });
        var suggestion = await row.InnerTextAsync();
        Assert.Contains("Suggested:", suggestion);
        Assert.Contains("of capacity", suggestion);
        Assert.Contains("Urgent", suggestion);
        await Chromium.CheckedAsync(page, "team-allocation-queue");
        await row.GetByRole(AriaRole.Link, new() { Name = "Allocate Nell Gwyn" }).ClickAsync();
        await page.GetByLabel("Casey Coordinator (Care coordinator)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allocate" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.EndsWith($"/referrals/{referral}", page.Url);
        await page.GotoAsync(workspace.Url("/team/allocation"));
        Assert.Equal(0, await page.Locator("tbody tr", new() { HasText = "Nell Gwyn" }).CountAsync());

        // The lists a team lead chases.
        await page.GotoAsync(workspace.Url("/team/overdue"));
        Assert.Equal(["Contacts overdue", "Care plan reviews overdue"], await page.Locator("#maincontent h2").AllInnerTextsAsync());
        await Chromium.CheckedAsync(page, "team-overdue");
        await page.GotoAsync(workspace.Url("/team/escalations"));
        Assert.Equal("Open escalations", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Acknowledge and respond" }).CountAsync());
        await Chromium.CheckedAsync(page, "team-escalations");

        // Who viewed her record: a mistyped number is refused and kept, then the accesses, the number never in the address.
        await page.GotoAsync(workspace.Url("/team/audit"));
        await page.GetByLabel("NHS number").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Equal("12345", await page.GetByLabel("NHS number").InputValueAsync());
        Assert.Equal("#nhsNumber", await page.Locator(".nhsuk-error-summary a").First.GetAttributeAsync("href"));
        await Chromium.CheckedAsync(page, "team-audit-error");
        await page.GetByLabel("NHS number").FillAsync(nhsNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var rows = await page.Locator("tbody tr").AllInnerTextsAsync();
        Assert.True(rows.Count >= 3, await page.Locator("#maincontent").InnerTextAsync());
        Assert.Contains(rows, r => r.Contains("Team lead") && r.Contains("Referral allocate") && r.Contains("Referrals"));
        Assert.DoesNotContain(nhsNumber, page.Url);
        await Chromium.CheckedAsync(page, "team-audit");
        await page.Context.CloseAsync();
    }
}
