using Microsoft.Playwright;

namespace CareMesh.Browser.Tests.CarePlans;

/// <summary>
/// A coordinator's care plan, from the accepted referral that opened it to the GP copy of the version they agreed:
/// every page through the real gateway and services, each form posted with the plan's revision, the service's faults
/// in the NHS.UK error summary with what was typed kept.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public class CarePlanPageTests(WorkspaceFixture workspace)
{
    private const string Casey = "dev-care-coordinator";
    private const string WhatMatters = "To get back to the allotment with my neighbour";
    private const string Goal = "Walk to the allotment twice a week";

    [Fact]
    public async Task A_coordinator_writes_a_plan_from_the_accepted_referral_agrees_it_and_opens_its_GP_copy()
    {
        var referral = await workspace.Api.ReferralAcceptedAsync(Casey, "Casey Coordinator", "Edith", "Clarke");
        var page = await workspace.SignInAsync("Casey Coordinator");

        // Acceptance opens the draft by an event (Referrals' outbox, RabbitMQ, CarePlans): it appears shortly after.
        await page.GotoAsync(workspace.Url($"/referrals/{referral}"));
        var planLink = page.GetByRole(AriaRole.Link, new() { Name = "View the care plan" });
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await planLink.CountAsync() == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"No care plan on the referral's page after a minute: {await page.Locator("#maincontent").InnerTextAsync()}");
            await Task.Delay(1000);
            await page.ReloadAsync();
        }

        await Chromium.CheckedAsync(page, "care-plan-referral");
        await planLink.ClickAsync();
        Assert.Equal("Edith Clarke", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("Draft", await page.Locator(".nhsuk-tag").First.InnerTextAsync());
        await Chromium.CheckedAsync(page, "care-plan-draft");

        // About me.
        await page.GetByRole(AriaRole.Link, new() { Name = "About me" }).ClickAsync();
        await page.GetByLabel("What matters to them").FillAsync(WhatMatters);
        await page.GetByLabel("Their strengths (optional)").FillAsync("Good with people, loves gardening");
        await page.GetByLabel("Communication needs (optional)").FillAsync("Hard of hearing: face her and speak clearly");
        await Chromium.CheckedAsync(page, "care-plan-about-me");
        await SaveAsync(page, "Save");
        Assert.Contains(WhatMatters, await Row(page, "What matters to them").InnerTextAsync());

        // Sharing: the full plan, so the GP copy carries what matters and the goals.
        await page.GetByRole(AriaRole.Link, new() { Name = "Consent and sharing" }).ClickAsync();
        await page.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("The full plan").CheckAsync();
        await Chromium.CheckedAsync(page, "care-plan-sharing");
        await SaveAsync(page, "Save");
        Assert.Contains("The full plan", await Row(page, "What the GP record receives").InnerTextAsync());

        // A goal: first without its words, which the service refuses, keeping the date typed.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a goal" }).ClickAsync();
        await page.Locator("[name='targetDate.day']").FillAsync("30");
        await page.Locator("[name='targetDate.month']").FillAsync("6");
        await page.Locator("[name='targetDate.year']").FillAsync("2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the goal" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var summary = page.Locator(".nhsuk-error-summary");
        await summary.WaitForAsync();
        Assert.Equal("#text", await summary.Locator("a").First.GetAttributeAsync("href"));
        Assert.StartsWith("Error:", await page.TitleAsync());
        Assert.Equal("30", await page.Locator("[name='targetDate.day']").InputValueAsync());
        Assert.Equal("2027", await page.Locator("[name='targetDate.year']").InputValueAsync());
        Assert.Equal(1, await page.Locator("#text.nhsuk-textarea--error").CountAsync());
        await Chromium.CheckedAsync(page, "care-plan-goal-error");
        await page.GetByLabel("The goal").FillAsync(Goal);
        await page.GetByLabel("Yes, it has started").CheckAsync();
        await SaveAsync(page, "Add the goal");
        Assert.Contains(Goal, await page.Locator(".nhsuk-card").InnerTextAsync());

        // An action towards it, owned by a team role, with a due date.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Add an action to the goal: {Goal}" }).ClickAsync();
        await page.GetByLabel("What is to be done").FillAsync("Find a walking group near the allotment");
        await page.GetByLabel("Someone in the team, by role").CheckAsync();
        await page.GetByLabel("The role, if someone in the team").SelectOptionAsync("link-worker");
        await page.Locator("[name='dueOn.day']").FillAsync("31");
        await page.Locator("[name='dueOn.month']").FillAsync("3");
        await page.Locator("[name='dueOn.year']").FillAsync("2027");
        await Chromium.CheckedAsync(page, "care-plan-action");
        await SaveAsync(page, "Add the action");
        var card = await page.Locator(".nhsuk-card").InnerTextAsync();
        Assert.Contains("Find a walking group near the allotment: Link worker, by 31 March 2027", card);

        // Agreed with her in person, no carer there.
        await page.GetByRole(AriaRole.Link, new() { Name = "Agree the plan" }).ClickAsync();
        await page.GetByLabel("In person").CheckAsync();
        await page.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await Chromium.CheckedAsync(page, "care-plan-agree");
        await SaveAsync(page, "Agree the plan");
        Assert.Contains("Agreed", await page.Locator(".nhsuk-tag").First.InnerTextAsync());
        Assert.Contains("Review due", await page.Locator("#maincontent").InnerTextAsync());
        await Chromium.CheckedAsync(page, "care-plan-agreed");

        // The GP copy, read by the workspace with her coordinator's token and passed on.
        var pdf = await page.Context.APIRequest.GetAsync(await page.GetByRole(AriaRole.Link, new() { Name = "download it as a PDF" }).GetAttributeAsync("href") is { } href
            ? workspace.Url(href) : throw new InvalidOperationException("No PDF link"));
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));

        // The service's own policy for its page (its styles inline, nothing else), not the workspace's.
        var html = await page.Context.APIRequest.GetAsync(workspace.Url(await page.GetByRole(AriaRole.Link, new() { Name = "Open the GP copy of version 1" }).GetAttributeAsync("href") ?? ""));
        Assert.StartsWith("text/html", html.Headers["content-type"]);
        Assert.StartsWith("default-src 'none'", html.Headers["content-security-policy"]);
        Assert.Contains("no-store", html.Headers["cache-control"]);

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the GP copy of version 1" }).ClickAsync();
        Assert.EndsWith("/versions/1/gp-copy", page.Url);
        var copy = await page.Locator("body").InnerTextAsync();
        Assert.Contains(WhatMatters, copy);
        Assert.Contains(Goal, copy);
        Assert.DoesNotContain("There is a problem", copy);
        await Chromium.CheckedAsync(page, "care-plan-gp-copy");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_referral_not_yet_accepted_offers_to_open_a_plan_by_hand_and_then_links_to_it()
    {
        var referral = await workspace.Api.ReferralReceivedAsync("Mary", "Seacole");
        var page = await workspace.SignInAsync("Casey Coordinator", width: 320);
        await page.GotoAsync(workspace.Url($"/referrals/{referral}"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Open a care plan" }).ClickAsync();

        Assert.Matches("/care-plans/[0-9a-f-]+$", page.Url);
        Assert.Equal("Mary Seacole", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("Draft", await page.Locator(".nhsuk-tag").First.InnerTextAsync());
        Assert.False(await Chromium.ScrollsSidewaysAsync(page), "the care plan scrolls sideways at 320px");
        await Chromium.CheckedAsync(page, "care-plan-opened-by-hand-320");
        var plan = page.Url;
        await page.GotoAsync(workspace.Url($"/referrals/{referral}"));
        Assert.Equal(new Uri(plan).AbsolutePath, await page.GetByRole(AriaRole.Link, new() { Name = "View the care plan" }).GetAttributeAsync("href"));
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Open a care plan" }).CountAsync());
        // A draft has no agreed version to copy.
        var copy = await page.GotoAsync(plan + "/versions/1/gp-copy");
        Assert.Equal(404, copy!.Status);
        Assert.Equal("Page not found", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.GotoAsync(plan + "/sections/nothing-of-the-kind");
        Assert.Equal("Page not found", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Activation_and_wellbeing_are_recorded_and_charted_from_baseline_to_follow_up()
    {
        var page = await PlanOpenedByHandAsync("Ivy", "Benson");
        await page.GetByRole(AriaRole.Link, new() { Name = "Activation and wellbeing" }).ClickAsync();
        Assert.Equal(3, await page.GetByText("Not measured yet.").CountAsync());

        // PAM: a baseline at level 1, then a follow-up at level 3 showing the change.
        foreach (var score in new[] { "45", "60.5" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Patient Activation Measure" }).ClickAsync();
            await page.GetByLabel("PAM score").FillAsync(score);
            await SaveMeasureAsync(page);
        }

        var pam = page.Locator("table", new() { HasText = "Patient Activation Measure by date" });
        var pamRows = await pam.Locator("tbody tr").AllInnerTextsAsync();
        Assert.Contains("(baseline)", pamRows[0]);
        Assert.Contains("45.0", pamRows[0]);
        Assert.Contains("up 15.5", pamRows[1]);
        Assert.Matches(@"60\.5\s+3", pamRows[1]);
        Assert.Equal(2, await page.Locator("figure", new() { Has = page.Locator("#pam-title") }).Locator("rect").CountAsync());

        // ONS4 with an answer left out: refused naming it, the others kept.
        await page.GetByRole(AriaRole.Link, new() { Name = "ONS4 personal wellbeing" }).ClickAsync();
        await page.Locator("fieldset", new() { HasText = "how satisfied" }).GetByLabel("6", new() { Exact = true }).CheckAsync();
        await page.Locator("fieldset", new() { HasText = "worthwhile" }).GetByLabel("7", new() { Exact = true }).CheckAsync();
        await page.Locator("fieldset", new() { HasText = "happy" }).GetByLabel("5", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the measure" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Contains("anxiety", (await page.Locator(".nhsuk-error-summary").InnerTextAsync()).ToLowerInvariant());
        Assert.True(await page.Locator("fieldset", new() { HasText = "worthwhile" }).GetByLabel("7", new() { Exact = true }).IsCheckedAsync());
        await Chromium.CheckedAsync(page, "care-plan-ons4-error");
        await page.Locator("fieldset", new() { HasText = "anxious" }).GetByLabel("3", new() { Exact = true }).CheckAsync();
        await SaveMeasureAsync(page);
        Assert.Contains("7 (high)", await page.Locator("table", new() { HasText = "ONS4 answers by date" }).InnerTextAsync());
        await Chromium.CheckedAsync(page, "care-plan-measures");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_section_changed_in_another_tab_meanwhile_is_refused_once_keeping_what_was_typed_and_then_saves()
    {
        var page = await PlanOpenedByHandAsync("Ada", "Nield");
        await page.GetByRole(AriaRole.Link, new() { Name = "About me" }).ClickAsync();
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(page.Url);
        await other.GetByLabel("What matters to them").FillAsync("Seeing her grandchildren");
        await SaveAsync(other, "Save");

        await page.GetByLabel("What matters to them").FillAsync(WhatMatters);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Contains("changed", await page.Locator(".nhsuk-error-summary").InnerTextAsync());
        Assert.Equal(WhatMatters, await page.GetByLabel("What matters to them").InputValueAsync());

        // Sent again, on purpose, it is checked against the plan as it is now: saved, not refused for ever.
        await SaveAsync(page, "Save");
        Assert.Contains(WhatMatters, await Row(page, "What matters to them").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>Saves a measure's form and waits for the measures page: a refusal would stay on the form.</summary>
    private static async Task SaveMeasureAsync(IPage page)
    {
        await Chromium.CheckedAsync(page, "care-plan-measure-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the measure" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(await page.Locator(".nhsuk-error-summary").CountAsync() == 0, await page.Locator("#maincontent").InnerTextAsync());
        Assert.Matches("/care-plans/[0-9a-f-]+/measures$", page.Url);
    }

    /// <summary>Casey Coordinator signed in, on the draft she opened by hand from a new person's referral.</summary>
    private async Task<IPage> PlanOpenedByHandAsync(string givenName, string familyName)
    {
        var referral = await workspace.Api.ReferralReceivedAsync(givenName, familyName);
        var page = await workspace.SignInAsync("Casey Coordinator");
        await page.GotoAsync(workspace.Url($"/referrals/{referral}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open a care plan" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/care-plans/[0-9a-f-]+$"));
        return page;
    }

    private static ILocator Row(IPage page, string key) => page.Locator(".nhsuk-summary-list__row", new() { HasText = key });

    /// <summary>Submits the form and waits for the plan's page: a refusal would stay on the form with its error summary.</summary>
    private static async Task SaveAsync(IPage page, string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(await page.Locator(".nhsuk-error-summary").CountAsync() == 0, await page.Locator("#maincontent").InnerTextAsync());
        Assert.Matches("/care-plans/[0-9a-f-]+$", page.Url);
    }
}
