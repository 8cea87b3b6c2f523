using System.Net.Http.Headers;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace CareMesh.Dashboard.BrowserTests;

/// <summary>
/// The platform with the app host's dashboard, Debian's Chromium driven by Playwright, and a folder for
/// the screenshots each test leaves (artifacts/dashboard under the repository root).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private TestPlatform platform = null!;
    private IPlaywright playwright = null!;

    public TestPlatform Platform => platform;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public string Screenshots { get; } = Path.Combine(RepositoryRoot(), "artifacts", "dashboard");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: ./caremesh test installs Debian's chromium package (apt-get install -y chromium).");
        }

        Directory.CreateDirectory(Screenshots);
        platform = await TestPlatform.StartWithDashboardAsync("dash");
        Gateway = new HttpClient { BaseAddress = new Uri(platform.App.GatewayUrl) };
        Gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestServers.TokenFor(CareMeshRoles.CareCoordinator));
        playwright = await Playwright.CreateAsync();
        // Generous waits: the machine has two cores, shared with the platform and other test projects.
        Assertions.SetDefaultExpectTimeout(60_000);
        // Playwright gives each launch a fresh, temporary profile (user-data-dir).
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new browser context on a laptop-sized screen, signed in with the link the app host printed.</summary>
    public async Task<IPage> SignedInPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(platform.DashboardLoginUrl!);
        await page.WaitForURLAsync($"{platform.Dashboard!.Url}/");
        return page;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        Gateway.Dispose();
        await platform.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareMesh.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
