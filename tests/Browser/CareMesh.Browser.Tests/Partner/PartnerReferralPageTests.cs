using Microsoft.Playwright;

namespace CareMesh.Browser.Tests.Partner;

/// <summary>
/// A coordinator sends a person on to a VCS partner's directory service; the partner finds the referral in their
/// list, accepts it and reports the outcome, and the coordinator's referral page shows it answered.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public class PartnerReferralPageTests(WorkspaceFixture workspace)
{
    [Fact]
    public async Task A_partner_accepts_an_onward_referral_and_reports_the_outcome_and_the_coordinator_sees_it_answered()
    {
        var api = workspace.Api;
        var referral = await api.ReferralReceivedAsync("Ivy", "Baker");
        var service = $"Befriending visits {Guid.NewGuid():N}"[..28];
        var serviceId = await api.PartnerServiceAsync(service);
        var onward = await api.OnwardReferralAsync(referral, serviceId, "Ivy would like a weekly visitor; she is hard of hearing, so knock loudly.");

        // The partner's day starts at the referrals sent to their organisation.
        var val = await workspace.SignInAsync("Val Partner");
        Assert.Equal(workspace.Url("/partner/referrals"), val.Url);
        Assert.Equal("Referrals to us", (await val.Locator("h1").InnerTextAsync()).Trim());
        var row = val.Locator("tr", new() { HasText = service });
        Assert.Contains("Sent", await row.InnerTextAsync());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(val));
        await Chromium.ScreenshotAsync(val, "partner-referrals");

        await row.GetByRole(AriaRole.Link, new() { Name = "Ivy Baker" }).ClickAsync();
        Assert.Equal(workspace.Url($"/partner/referrals/{onward}"), val.Url);
        Assert.Equal("Ivy Baker", (await val.Locator("h1").InnerTextAsync()).Trim());
        var main = await val.Locator("#maincontent").InnerTextAsync();
        Assert.Contains("she is hard of hearing", main);
        Assert.Contains("0113 496 0000", main);
        Assert.DoesNotContain("NHS number", main);
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(val));

        await val.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await val.Locator(".nhsuk-notification-banner", new() { HasText = "Referral accepted" }).WaitForAsync();
        Assert.Equal(0, await val.GetByRole(AriaRole.Button, new() { Name = "Decline" }).CountAsync());

        // An outcome longer than the service keeps: its fault in the summary, linked to the field, with every word typed kept.
        var tooLong = string.Concat(Enumerable.Repeat("Came every week. ", 120));
        await val.GetByLabel("What happened").FillAsync(tooLong);
        await val.GetByRole(AriaRole.Button, new() { Name = "Report the outcome" }).ClickAsync();
        await val.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Equal(1, await val.Locator(".nhsuk-error-summary a[href='#outcome']").CountAsync());
        Assert.Equal(tooLong, await val.GetByLabel("What happened").InputValueAsync());
        Assert.Equal(0, await val.Locator(".nhsuk-notification-banner").CountAsync());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(val));
        await Chromium.ScreenshotAsync(val, "partner-referral-error");

        await val.GetByLabel("What happened").FillAsync("Came to six visits and now goes to the Thursday lunch club");
        await val.GetByRole(AriaRole.Button, new() { Name = "Report the outcome" }).ClickAsync();
        await val.Locator(".nhsuk-notification-banner", new() { HasText = "Outcome reported" }).WaitForAsync();
        Assert.Contains("Completed", await val.Locator(".nhsuk-tag").First.InnerTextAsync());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(val));
        await Chromium.ScreenshotAsync(val, "partner-referral-completed");

        var casey = await workspace.SignInAsync("Casey Coordinator");
        await casey.GotoAsync(workspace.Url($"/referrals/{referral}"));
        var timeline = await casey.Locator(".caremesh-timeline").InnerTextAsync();
        Assert.Contains($"Onward referral to {service}: completed", timeline);
        Assert.Contains("Thursday lunch club", timeline);
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(casey));
        await Chromium.ScreenshotAsync(casey, "referral-onward-answered");
        await val.Context.CloseAsync();
        await casey.Context.CloseAsync();
    }

    [Fact]
    public async Task An_onward_referral_sent_while_the_partners_list_is_open_appears_without_a_reload()
    {
        var api = workspace.Api;
        var referral = await api.ReferralReceivedAsync("Nora", "Batty");
        var service = $"Walking group {Guid.NewGuid():N}"[..22];
        var serviceId = await api.PartnerServiceAsync(service);
        var val = await workspace.SignInAsync("Val Partner");
        await val.Locator("body[data-live=listening]").WaitForAsync();
        await val.EvaluateAsync("() => { window.openedOnce = true; }");

        await api.OnwardReferralAsync(referral, serviceId, "Nora would like company on a short weekly walk.");

        await val.Locator(".caremesh-live-notice").WaitForAsync();
        Assert.Contains("Nora Batty", await val.Locator("tr", new() { HasText = service }).InnerTextAsync());
        Assert.True(await val.EvaluateAsync<bool>("() => window.openedOnce === true"), "the page was reloaded");
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(val));
        await Chromium.ScreenshotAsync(val, "partner-referrals-live");
        await val.Context.CloseAsync();
    }
}
