using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareMesh.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, headless, for any browser test (the workspace's, the dashboard's):
/// pages at a chosen width, screenshots under <c>artifacts/</c>, and axe-core's accessibility check.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where screenshots go: the repository's git-ignored <c>artifacts/browser</c>.</summary>
    public static readonly string Artifacts = Path.Combine(CareMesh.AppHost.CareMeshSettings.RepositoryRoot, "artifacts", "browser");

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        System.IO.Directory.CreateDirectory(Artifacts);
    }

    /// <summary>A fresh browser context (no cookies) and page, <paramref name="width"/> CSS pixels wide.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });

    /// <summary>axe-core's WCAG 2.2 AA rules on the page as it stands: every violation, by rule and element.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        // Once its stylesheets are in: a page just posted may be checked as soon as its markup is, and a target's size
        // (the header's menu links, say) measured unstyled is not the size the user sees.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        return [.. result.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id}: {string.Join(" ", n.Target)}"))];
    }

    /// <summary>
    /// The page once it has settled (its requests done: the stylesheet, the frontend's script laying out the header), with no
    /// axe violations, and its screenshot when named: a check made mid-load finds the header's links before their styles.
    /// </summary>
    public static async Task CheckedAsync(IPage page, string? screenshot = null)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(await AccessibilityViolationsAsync(page));
        if (screenshot is not null)
        {
            await ScreenshotAsync(page, screenshot);
        }
    }

    /// <summary>True when the page is wider than its viewport: content a 320px screen would have to scroll sideways for.</summary>
    public static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
