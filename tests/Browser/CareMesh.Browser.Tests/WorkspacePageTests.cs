using Microsoft.Playwright;

namespace CareMesh.Browser.Tests;

/// <summary>
/// The workspace's pages that need no sign-in, through the real gateway: the NHS.UK page itself (header,
/// skip link, footer, the frontend's styles and script from the app, not a CDN), accessible and usable at 320px.
/// And the way in: signing in at the Identity service behind the gateway, as a developer does with a seeded account.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public class WorkspacePageTests(WorkspaceFixture workspace)
{
    [Theory]
    [InlineData("/account/signed-out", "You have signed out")]
    [InlineData("/not-found", "Page not found")]
    public async Task An_open_page_is_the_NHS_page_accessible_and_usable_at_320_pixels(string path, string heading)
    {
        foreach (var width in new[] { 1280, 320 })
        {
            var page = await workspace.Chromium.NewPageAsync(width);
            var outside = new List<string>();
            // The NHS.UK stylesheet names its Frutiger web fonts at assets.nhs.uk; the pages' CSP refuses them (the
            // stack falls back to Arial), so a request may be attempted but nothing from elsewhere may ever load.
            page.RequestFinished += (_, request) =>
            {
                if (!request.Url.StartsWith(workspace.Platform.GatewayUrl, StringComparison.Ordinal))
                {
                    outside.Add(request.Url);
                }
            };

            await page.GotoAsync(workspace.Platform.GatewayUrl + path);

            Assert.Equal(heading, (await page.Locator("h1").InnerTextAsync()).Trim());
            Assert.Equal("CareMesh", (await page.Locator(".nhsuk-header__service-name").InnerTextAsync()).Trim());
            Assert.Equal("#maincontent", await page.Locator(".nhsuk-skip-link").GetAttributeAsync("href"));
            // The frontend's script ran (it marks the body), loaded from the app itself.
            Assert.Contains("nhsuk-frontend-supported", await page.Locator("body").GetAttributeAsync("class") ?? "");
            Assert.Empty(outside);
            Assert.Empty(await Chromium.AccessibilityViolationsAsync(page));
            Assert.False(await Chromium.ScrollsSidewaysAsync(page), $"{path} scrolls sideways at {width}px");
            await Chromium.ScreenshotAsync(page, $"{path.Trim('/').Replace('/', '-')}-{width}");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_skip_link_is_the_first_thing_the_keyboard_reaches_and_moves_to_the_content()
    {
        var page = await workspace.Chromium.NewPageAsync();
        await page.GotoAsync(workspace.Platform.GatewayUrl + "/account/signed-out");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("maincontent", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_care_coordinator_signs_in_at_the_provider_and_lands_on_their_caseload()
    {
        var page = await workspace.Chromium.NewPageAsync();

        await page.GotoAsync(workspace.Platform.GatewayUrl + "/caseload");

        // The provider's own page, behind the gateway: in Development it offers a seeded account for each role.
        Assert.StartsWith(workspace.Platform.GatewayUrl + "/identity/account/login", page.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Casey Coordinator" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(page.Url == workspace.Platform.GatewayUrl + "/caseload", $"{page.Url}: {await page.Locator("body").InnerTextAsync()}");
        Assert.Equal("My caseload", (await page.Locator("h1").InnerTextAsync()).Trim());
        // The page read the caseload from Referrals with the signed-in user's token: counts, not an error.
        Assert.Equal(0, await page.Locator(".nhsuk-error-summary").CountAsync());
        // "1 open referral" or "N open referrals": whatever other tests left on her caseload.
        Assert.Matches(@"\b\d+ open referrals?\b", await page.Locator("#maincontent").InnerTextAsync());
        Assert.Empty(await Chromium.AccessibilityViolationsAsync(page));
        await page.Context.CloseAsync();
    }
}
