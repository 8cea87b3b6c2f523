using Microsoft.Playwright;

namespace CareMesh.Browser.Tests.Escalations;

/// <summary>
/// A coordinator escalates a referral to a clinician from its page; the clinician finds it on their escalations page,
/// acknowledges it with a response, and the referral's timeline shows the answer to the team.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public class EscalationPageTests(WorkspaceFixture workspace)
{
    [Fact]
    public async Task A_coordinator_escalates_and_the_clinician_acknowledges_and_responds_and_the_timeline_shows_the_answer()
    {
        var api = workspace.Api;
        var referral = await api.ReferralReceivedAsync("Mary", "Seacole");
        var concern = $"Says she has stopped taking her insulin ({Guid.NewGuid():N})";

        var casey = await workspace.SignInAsync("Casey Coordinator");
        await casey.GotoAsync(workspace.Url($"/referrals/{referral}"));
        await casey.GetByRole(AriaRole.Link, new() { Name = "Escalate to a clinician" }).ClickAsync();
        Assert.Equal("Escalate to a clinician", (await casey.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(casey));

        // How urgent left unanswered: the service's fault is in the summary, linked to the question, and the rest is kept.
        await casey.GetByLabel("Dr Cleo Clinician").CheckAsync();
        await casey.GetByLabel("What is needed from the clinician").FillAsync(concern);
        await casey.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        await casey.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Equal(1, await casey.Locator(".nhsuk-error-summary a[href='#severity']").CountAsync());
        Assert.Equal(concern, await casey.GetByLabel("What is needed from the clinician").InputValueAsync());
        Assert.True(await casey.GetByLabel("Dr Cleo Clinician").IsCheckedAsync());
        Assert.StartsWith("Error: ", await casey.TitleAsync());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(casey));
        await Chromium.ScreenshotAsync(casey, "escalate-error");

        await casey.GetByLabel("Urgent", new() { Exact = true }).CheckAsync();
        await casey.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        await casey.WaitForURLAsync(workspace.Url($"/referrals/{referral}"));
        Assert.Contains("Escalated to Dr Cleo Clinician (urgent)", await casey.Locator(".caremesh-timeline").InnerTextAsync());

        // The clinician's day starts at the escalations addressed to them.
        var cleo = await workspace.SignInAsync("Dr Cleo Clinician");
        Assert.Equal(workspace.Url("/escalations"), cleo.Url);
        Assert.Equal("Escalations to me", (await cleo.Locator("h1").InnerTextAsync()).Trim());
        var card = cleo.Locator(".nhsuk-card", new() { HasText = concern });
        Assert.Contains("Mary Seacole", await card.InnerTextAsync());
        Assert.Contains("Urgent", await card.Locator(".nhsuk-tag").First.InnerTextAsync());
        Assert.Contains("Casey Coordinator", await card.InnerTextAsync());
        Assert.Equal(1, await card.GetByRole(AriaRole.Link, new() { Name = "View the referral for Mary Seacole" }).CountAsync());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(cleo));
        await Chromium.ScreenshotAsync(cleo, "escalations-to-me");

        // The referral escalated to the clinician opens for them; escalating is for the team, not for them.
        await card.GetByRole(AriaRole.Link, new() { Name = "View the referral for Mary Seacole" }).ClickAsync();
        Assert.Equal("Mary Seacole", (await cleo.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(0, await cleo.GetByRole(AriaRole.Link, new() { Name = "Escalate to a clinician" }).CountAsync());
        Assert.Contains("Escalated to Dr Cleo Clinician (urgent)", await cleo.Locator(".caremesh-timeline").InnerTextAsync());
        // Settled: the frontend's script has run and the page listens for changes (a change arriving mid-check moves it).
        await cleo.Locator("body[data-live=listening]").WaitForAsync();
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(cleo));
        await cleo.GetByRole(AriaRole.Link, new() { Name = "Back to escalations to me" }).ClickAsync();

        await card.GetByRole(AriaRole.Link, new() { Name = "Acknowledge and respond to the escalation about Mary Seacole" }).ClickAsync();
        Assert.Equal("Acknowledge and respond", (await cleo.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(cleo));
        await cleo.GetByLabel("Your response").FillAsync("Seen her today; insulin restarted, district nurse visiting daily");
        await cleo.GetByRole(AriaRole.Button, new() { Name = "Acknowledge and respond" }).ClickAsync();
        await cleo.WaitForURLAsync(workspace.Url("/escalations?acknowledged=true"));
        Assert.Contains("Escalation acknowledged", await cleo.Locator(".nhsuk-notification-banner").InnerTextAsync());
        Assert.Equal(0, await cleo.Locator(".nhsuk-card", new() { HasText = concern }).CountAsync());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(cleo));

        // The clinician may open the referral escalated to them; the team sees the answer on its timeline.
        await casey.ReloadAsync();
        var timeline = await casey.Locator(".caremesh-timeline").InnerTextAsync();
        Assert.Contains("Escalation answered by Dr Cleo Clinician", timeline);
        Assert.Contains("insulin restarted, district nurse visiting daily", timeline);
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(casey));
        await Chromium.ScreenshotAsync(casey, "referral-escalation-answered");
        await cleo.Context.CloseAsync();
        await casey.Context.CloseAsync();
    }

    [Fact]
    public async Task An_escalation_raised_while_the_clinicians_page_is_open_appears_without_a_reload_and_an_empty_response_is_refused()
    {
        var api = workspace.Api;
        var referral = await api.ReferralReceivedAsync("Edith", "Cavell");
        var concern = $"Fell twice this week ({Guid.NewGuid():N})";
        var cleo = await workspace.SignInAsync("Dr Cleo Clinician");
        await cleo.Locator("body[data-live=listening]").WaitForAsync();
        await cleo.EvaluateAsync("() => { window.openedOnce = true; }");

        await api.EscalatedAsync(referral, concern, "routine-review");

        await cleo.Locator(".caremesh-live-notice").WaitForAsync();
        var card = cleo.Locator(".nhsuk-card", new() { HasText = concern });
        Assert.Contains("Routine review", await card.InnerTextAsync());
        Assert.True(await cleo.EvaluateAsync<bool>("() => window.openedOnce === true"), "the page was reloaded");
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(cleo));
        await Chromium.ScreenshotAsync(cleo, "escalations-live");

        await card.GetByRole(AriaRole.Link, new() { Name = "Acknowledge and respond to the escalation about Edith Cavell" }).ClickAsync();
        await cleo.GetByRole(AriaRole.Button, new() { Name = "Acknowledge and respond" }).ClickAsync();
        await cleo.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Equal(1, await cleo.Locator(".nhsuk-error-summary a[href='#response']").CountAsync());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(cleo));
        await Chromium.ScreenshotAsync(cleo, "acknowledge-escalation-error");

        // Answered meanwhile in another tab: what she wrote here is shown back to her, not lost.
        var other = await cleo.Context.NewPageAsync();
        await other.GotoAsync(cleo.Url);
        await other.GetByLabel("Your response").FillAsync("Seen in clinic today: no further falls");
        await other.GetByRole(AriaRole.Button, new() { Name = "Acknowledge and respond" }).ClickAsync();
        await other.WaitForURLAsync("**/escalations?acknowledged=true");
        const string Late = "Will phone her daughter this afternoon";
        await cleo.GetByLabel("Your response").FillAsync(Late);
        await cleo.GetByRole(AriaRole.Button, new() { Name = "Acknowledge and respond" }).ClickAsync();
        await cleo.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("This escalation is not waiting for you", (await cleo.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains(Late, await cleo.Locator(".nhsuk-inset-text").InnerTextAsync());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(cleo));
        await cleo.Context.CloseAsync();
    }
}
