using Microsoft.Playwright;

namespace CareMesh.Browser.Tests.Directory;

/// <summary>
/// The directory in the workspace: a coordinator finds a service for an accepted referral and sends the person on to
/// it, which the partner then finds in their referrals; and a partner keeps their own listing right (still correct,
/// changed, withdrawn), which coordinators' search follows. Every page through the real gateway and services.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public class DirectoryPageTests(WorkspaceFixture workspace)
{
    private const string Casey = "dev-care-coordinator";

    [Fact]
    public async Task A_coordinator_finds_a_service_from_the_referral_sends_an_onward_referral_and_the_partner_receives_it()
    {
        var api = workspace.Api;
        var word = Word();
        var need = await api.NeedAsync($"Companionship {Word()}");
        var service = $"Tea and {word} club";
        var serviceId = await api.PartnerServiceAsync(service, need);
        var signposting = await api.PartnerServiceAsync($"Signposting {word} line", need, "signposting-only");
        var referral = await api.ReferralAcceptedAsync(Casey, "Casey Coordinator", "Mabel", "Hurst");

        var page = await workspace.SignInAsync("Casey Coordinator");
        await page.GotoAsync(workspace.Url($"/referrals/{referral}"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Refer to a service" }).ClickAsync();
        Assert.Equal(workspace.Url($"/directory?referral={referral}"), page.Url);
        Assert.Equal("Find a service", (await page.Locator("h1").InnerTextAsync()).Trim());
        await Chromium.CheckedAsync(page, "directory-search");

        // A postcode that is not one: the service's fault in the summary, linked to its field, with the words typed kept.
        await page.GetByLabel("What are you looking for").FillAsync(word);
        await page.GetByLabel("Near postcode (optional)").FillAsync("NOT A POSTCODE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Equal(1, await page.Locator(".nhsuk-error-summary a[href='#postcode']").CountAsync());
        Assert.Equal(word, await page.GetByLabel("What are you looking for").InputValueAsync());
        Assert.StartsWith("Error:", await page.TitleAsync());
        await Chromium.CheckedAsync(page, "directory-search-error");

        // By words and need: the address holds the search and the referral's id, nothing about the person.
        await page.GetByLabel("Near postcode (optional)").FillAsync("");
        await page.GetByLabel("Need").SelectOptionAsync(new SelectOptionValue { Value = need.ToString() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator("#results").WaitForAsync();
        Assert.DoesNotContain("Mabel", page.Url);
        Assert.DoesNotContain("Hurst", page.Url);
        var result = page.Locator(".nhsuk-card", new() { HasText = service });
        var why = await result.Locator(".caremesh-matched").InnerTextAsync();
        Assert.Contains($"\"{word}\" matches its name", why);
        Assert.Contains("listed under Companionship", why);
        Assert.Contains("Accepting referrals", await result.InnerTextAsync());
        Assert.Equal(1, await result.GetByRole(AriaRole.Button, new() { Name = $"Send a referral to {service}" }).CountAsync());
        var signpost = page.Locator(".nhsuk-card", new() { HasText = $"Signposting {word} line" });
        Assert.Contains("Signposting only", await signpost.InnerTextAsync());
        Assert.Equal(0, await signpost.GetByRole(AriaRole.Button).CountAsync());
        await Chromium.CheckedAsync(page, "directory-results");

        // A signposting-only service's page offers no referral, and neither does its form.
        await page.GotoAsync(workspace.Url($"/directory/services/{signposting}?referral={referral}"));
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Send a referral" }).CountAsync());
        Assert.Contains("takes no referrals", await page.Locator("#maincontent").InnerTextAsync());
        await page.GotoAsync(workspace.Url($"/referrals/{referral}/onward-referrals/new?service={signposting}"));
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).CountAsync());
        Assert.Contains("signposting only", await page.Locator("#maincontent").InnerTextAsync());
        await Chromium.CheckedAsync(page, "onward-referral-signposting");
        await page.GoBackAsync();
        await page.GoBackAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = service, Exact = true }).ClickAsync();
        Assert.Equal(workspace.Url($"/directory/services/{serviceId}?referral={referral}"), page.Url);
        Assert.Equal(service, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("hello@example.org.uk", await page.Locator("#maincontent").InnerTextAsync());
        await Chromium.CheckedAsync(page, "directory-service");

        // The form: first with nothing to tell the service, which the Referrals service refuses.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a referral" }).ClickAsync();
        Assert.Equal(workspace.Url($"/referrals/{referral}/onward-referrals/new?service={serviceId}"), page.Url);
        Assert.Contains("VCS partners", await page.Locator(".nhsuk-summary-list").InnerTextAsync());
        await Chromium.CheckedAsync(page, "onward-referral-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Equal(1, await page.Locator(".nhsuk-error-summary a[href='#summary']").CountAsync());
        await Chromium.CheckedAsync(page, "onward-referral-error");

        await page.GetByLabel("What the service needs to know").FillAsync("Mabel would like company over a cup of tea; she walks with a frame.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).ClickAsync();
        await page.WaitForURLAsync(workspace.Url($"/referrals/{referral}"));
        Assert.Contains($"Onward referral to {service}: sent", await page.Locator(".caremesh-timeline").InnerTextAsync());
        await Chromium.CheckedAsync(page, "referral-onward-sent");

        // The partner, on a narrow screen: their referrals, and their services page whose demand table scrolls within itself.
        var val = await workspace.SignInAsync("Val Partner", width: 320);
        var row = val.Locator("tr", new() { HasText = service });
        Assert.Contains("Mabel Hurst", await row.InnerTextAsync());
        Assert.Contains("Sent", await row.InnerTextAsync());
        await val.GotoAsync(workspace.Url("/partner/services"));
        Assert.False(await Chromium.ScrollsSidewaysAsync(val), "/partner/services scrolls sideways at 320px");
        await Chromium.CheckedAsync(val, "partner-services-320");
        await page.Context.CloseAsync();
        await val.Context.CloseAsync();
    }

    [Fact]
    public async Task A_partner_confirms_changes_and_withdraws_their_listing_and_coordinators_no_longer_find_it()
    {
        var word = Word();
        var service = $"Garden {word} group";
        var serviceId = await workspace.Api.PartnerServiceAsync(service);
        var referral = await workspace.Api.ReferralReceivedAsync("Olive", "Dunn");
        await workspace.Api.OnwardReferralAsync(referral, serviceId, "Olive would like to garden with others.");

        var val = await workspace.SignInAsync("Val Partner");
        await val.GetByRole(AriaRole.Link, new() { Name = "Our services" }).ClickAsync();
        Assert.Equal(workspace.Url("/partner/services"), val.Url);
        var card = val.Locator(".nhsuk-card", new() { HasText = service });
        Assert.Contains("Accepting referrals", await card.InnerTextAsync());

        // The Directory counts the referral from its event (Referrals' outbox, RabbitMQ): this month's figure follows shortly.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await SentThisMonthAsync(val, service) != "1")
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"The referral was not counted within a minute: {await SentThisMonthAsync(val, service)}");
            await Task.Delay(1000);
            await val.ReloadAsync();
        }

        Assert.Equal(1, await val.Locator("figure.caremesh-chart svg[role=img]").CountAsync());
        await Chromium.CheckedAsync(val, "partner-services");

        await card.GetByRole(AriaRole.Button, new() { Name = $"Mark {service} as still correct" }).ClickAsync();
        await val.Locator(".nhsuk-notification-banner", new() { HasText = $"{service} marked as still correct" }).WaitForAsync();
        Assert.Contains("Last confirmed correct", await card.InnerTextAsync());
        Assert.Contains("Val Partner", await card.InnerTextAsync());

        // A change the Directory refuses (an email address that is not one): its fault, linked, with what was typed kept.
        await card.GetByRole(AriaRole.Link, new() { Name = $"Edit {service}" }).ClickAsync();
        Assert.Equal(workspace.Url($"/partner/services/{serviceId}/edit"), val.Url);
        await val.GetByLabel("Who it is for (optional)").FillAsync("Anyone who would like to garden with others");
        await val.GetByLabel("Email address (optional)").FillAsync("not an email");
        await val.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await val.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Equal(1, await val.Locator(".nhsuk-error-summary a[href='#email']").CountAsync());
        Assert.Equal("Anyone who would like to garden with others", await val.GetByLabel("Who it is for (optional)").InputValueAsync());
        await Chromium.CheckedAsync(val, "partner-service-edit-error");

        await val.GetByLabel("Email address (optional)").FillAsync("garden@example.org.uk");
        await val.GetByLabel("Waiting list", new() { Exact = true }).CheckAsync();
        await val.GetByLabel("Typical wait in weeks (for a waiting list)").FillAsync("3");
        await val.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await val.Locator(".nhsuk-notification-banner", new() { HasText = $"{service} saved" }).WaitForAsync();
        card = val.Locator(".nhsuk-card", new() { HasText = service });
        Assert.Contains("Waiting list, about 3 weeks", await card.InnerTextAsync());
        await card.GetByRole(AriaRole.Link, new() { Name = service, Exact = true }).ClickAsync();
        var details = await val.Locator("#maincontent").InnerTextAsync();
        Assert.Contains("Anyone who would like to garden with others", details);
        Assert.Contains("garden@example.org.uk", details);
        await Chromium.CheckedAsync(val, "partner-service-details");
        await val.GoBackAsync();

        // Withdrawing asks first, and for why.
        await val.Locator(".nhsuk-card", new() { HasText = service }).GetByRole(AriaRole.Link, new() { Name = $"Withdraw {service}" }).ClickAsync();
        Assert.Equal(workspace.Url($"/partner/services/{serviceId}/withdraw"), val.Url);
        await val.GetByRole(AriaRole.Button, new() { Name = "Withdraw the service" }).ClickAsync();
        await val.Locator(".nhsuk-error-summary a[href='#reason']").WaitForAsync();
        await Chromium.CheckedAsync(val, "partner-service-withdraw-error");
        await val.GetByLabel("Why you are withdrawing it").FillAsync("The garden has closed for the winter");
        await val.GetByRole(AriaRole.Button, new() { Name = "Withdraw the service" }).ClickAsync();
        await val.Locator(".nhsuk-notification-banner", new() { HasText = $"{service} withdrawn" }).WaitForAsync();
        Assert.Contains("Withdrawn", await val.Locator(".nhsuk-card", new() { HasText = service }).InnerTextAsync());
        Assert.Equal(0, await val.Locator(".nhsuk-card", new() { HasText = service }).GetByRole(AriaRole.Button).CountAsync());
        await Chromium.CheckedAsync(val, "partner-services-withdrawn");

        var casey = await workspace.SignInAsync("Casey Coordinator", width: 320);
        await casey.GotoAsync(workspace.Url($"/directory?q={word}"));
        await casey.Locator("#results").WaitForAsync();
        Assert.False(await Chromium.ScrollsSidewaysAsync(casey), "/directory scrolls sideways at 320px");
        Assert.Equal("0 services found", (await casey.Locator("#results").InnerTextAsync()).Trim());
        await Chromium.CheckedAsync(casey, "directory-search-withdrawn");
        await val.Context.CloseAsync();
        await casey.Context.CloseAsync();
    }

    [Fact]
    public async Task Sending_a_referral_the_person_did_not_agree_to_share_with_partners_is_refused_with_what_was_typed_kept()
    {
        var api = workspace.Api;
        var service = $"Craft {Word()} circle";
        var serviceId = await api.PartnerServiceAsync(service);
        var referral = await api.ReferralReceivedAsync("Ruth", "Pike", consentWith: ["gp"]);

        var page = await workspace.SignInAsync("Casey Coordinator");
        await page.GotoAsync(workspace.Url($"/referrals/{referral}/onward-referrals/new?service={serviceId}"));
        Assert.Contains("has not agreed to share with VCS partners", await page.Locator(".nhsuk-warning-callout").InnerTextAsync());
        const string summary = "Ruth would like to join a craft group on Tuesdays.";
        await page.GetByLabel("What the service needs to know").FillAsync(summary);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Contains("The person has not agreed to share with this receiver.", await page.Locator(".nhsuk-error-summary").InnerTextAsync());
        Assert.Equal(summary, await page.GetByLabel("What the service needs to know").InputValueAsync());
        await Chromium.CheckedAsync(page, "onward-referral-refused");

        await page.GotoAsync(workspace.Url($"/referrals/{referral}"));
        Assert.DoesNotContain($"Onward referral to {service}", await page.Locator("#maincontent").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>The demand table's figure for <paramref name="service"/> in its last row, this month.</summary>
    private static Task<string> SentThisMonthAsync(IPage page, string service) => page.EvaluateAsync<string>(
        """
        service => {
          const table = [...document.querySelectorAll('table')].find(t => t.caption?.textContent.includes('Referrals sent'));
          if (!table) return 'no table';
          const column = [...table.tHead.rows[0].cells].findIndex(c => c.textContent.trim() === service);
          const rows = table.tBodies[0].rows;
          return column < 0 ? 'no column' : rows[rows.length - 1].cells[column].textContent.trim();
        }
        """, service);

    /// <summary>A word no other listing has, so a search for it finds only what this test listed.</summary>
    private static string Word() => "zq" + new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

}
