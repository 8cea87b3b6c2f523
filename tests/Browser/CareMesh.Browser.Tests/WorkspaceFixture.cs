using CareMesh.Testing;

namespace CareMesh.Browser.Tests;

/// <summary>The platform as <c>./caremesh up</c> runs it (the real app host), and Chromium to look at it through the gateway.</summary>
public sealed class WorkspaceFixture : IAsyncLifetime
{
    public TestPlatform Platform { get; private set; } = null!;

    public Chromium Chromium { get; } = new();

    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        Platform = await TestPlatform.StartAsync("browser");
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
