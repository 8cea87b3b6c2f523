using Microsoft.Playwright;

namespace CareMesh.Browser.Tests.Live;

/// <summary>
/// A page open while someone elsewhere changes what it shows: the change arrives through the platform's own path
/// (Referrals' outbox, RabbitMQ, the workspace's live queue, server-sent events through the gateway) and the page
/// shows it without being reloaded, or, when the user has typed something, says so and keeps what they typed.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public class LivePageTests(WorkspaceFixture workspace)
{
    private const string Casey = "dev-care-coordinator";

    [Fact]
    public async Task A_referral_allocated_while_its_page_is_open_shows_who_it_is_with_without_a_reload()
    {
        var api = workspace.Api;
        await api.TeamMemberAsync(Casey, "Casey Coordinator", "care-coordinator");
        var referral = await api.ReferralReceivedAsync();
        using var lead = api.As("team-lead");
        await api.PostAsync(lead, $"/api/referrals/{referral}/triage", new { role = "care-coordinator", complexity = "standard" });
        var page = await workspace.SignInAsync("Casey Coordinator");
        await page.GotoAsync(workspace.Url($"/referrals/{referral}"));
        await page.Locator("body[data-live=listening]").WaitForAsync();
        var allocatedTo = page.Locator(".nhsuk-summary-list__row", new() { HasText = "Allocated to" });
        Assert.Contains("Nobody yet", await allocatedTo.InnerTextAsync());
        // Set on this page only: a reload would lose it.
        await page.EvaluateAsync("() => { window.openedOnce = true; }");

        await api.PostAsync(lead, $"/api/referrals/{referral}/allocate", new { userId = Casey });

        await page.Locator(".caremesh-live-notice").WaitForAsync();
        Assert.Contains("Casey Coordinator", await allocatedTo.InnerTextAsync());
        Assert.Contains("The referral was allocated.", await page.Locator(".caremesh-live-notice").InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.openedOnce === true"), "the page was reloaded");
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "live-referral-allocated");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_caseload_being_filtered_when_a_referral_is_allocated_says_so_and_keeps_the_filter_as_chosen()
    {
        var api = workspace.Api;
        await api.TeamMemberAsync(Casey, "Casey Coordinator", "care-coordinator");
        var referral = await api.ReferralReceivedAsync("Grace", "Hopper");
        using var lead = api.As("team-lead");
        await api.PostAsync(lead, $"/api/referrals/{referral}/triage", new { role = "care-coordinator", complexity = "standard" });
        var page = await workspace.SignInAsync("Casey Coordinator");
        await page.GotoAsync(workspace.Url("/caseload"));
        await page.Locator("body[data-live=listening]").WaitForAsync();
        var urgency = page.Locator("select[name=urgency]");
        await urgency.SelectOptionAsync("urgent");

        await api.PostAsync(lead, $"/api/referrals/{referral}/allocate", new { userId = Casey });

        var notice = page.Locator(".caremesh-live-notice");
        await notice.WaitForAsync();
        Assert.Contains("reload the page", await notice.InnerTextAsync());
        Assert.Equal("urgent", await urgency.InputValueAsync());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(page));
        await page.Context.CloseAsync();
    }
}
