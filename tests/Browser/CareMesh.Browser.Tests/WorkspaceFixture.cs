using CareMesh.Testing;
using Microsoft.Playwright;

namespace CareMesh.Browser.Tests;

/// <summary>
/// The platform as <c>./caremesh up</c> runs it (the real app host), and Chromium to look at it through the gateway.
/// Started once for every browser test class (the <see cref="WorkspaceCollection"/>): a platform start costs half a minute.
/// </summary>
public sealed class WorkspaceFixture : IAsyncLifetime
{
    public TestPlatform Platform { get; private set; } = null!;

    public Chromium Chromium { get; } = new();

    public string Url(string path) => Platform.GatewayUrl + path;

    /// <summary>The gateway's API as other users, to set the scene a page is then looked at in.</summary>
    public GatewayCalls Api => new(this);

    /// <summary>
    /// A fresh browser signed in at the Identity service as one of its development accounts (by the name its sign-in
    /// page shows, e.g. "Casey Coordinator"), landed on that role's home page.
    /// </summary>
    public async Task<IPage> SignInAsync(string accountName, int width = 1280)
    {
        var page = await Chromium.NewPageAsync(width);
        await page.GotoAsync(Url("/"));
        await page.GetByRole(AriaRole.Button, new() { Name = accountName }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (page.Url.Contains("/identity/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in as {accountName} stopped at {page.Url}: {await page.Locator("body").InnerTextAsync()}");
        }

        return page;
    }

    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        Platform = await TestPlatform.StartAsync("browser", dashboard: true);
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }
    }
}

/// <summary>Every browser test class shares one platform: <c>[Collection(WorkspaceCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class WorkspaceCollection : ICollectionFixture<WorkspaceFixture>
{
    public const string Name = "workspace";
}
