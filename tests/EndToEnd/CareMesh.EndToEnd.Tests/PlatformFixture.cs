using System.Net.Http.Headers;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.EndToEnd.Tests;

/// <summary>The running platform for a test class, and a client calling its gateway as a care coordinator.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public TestPlatform Platform { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>Each process's console lines up to the moment every resource was healthy, by resource name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ConsoleAtStart { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public async Task InitializeAsync()
    {
        Platform = await TestPlatform.StartAsync("e2e");
        ConsoleAtStart = TestPlatform.Resources.ToDictionary(name => name, Platform.ConsoleOf);
        Gateway = new HttpClient { BaseAddress = new Uri(Platform.GatewayUrl) };
        Gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Platform.TokenFor(CareMeshRoles.CareCoordinator));
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await Platform.DisposeAsync();
    }
}
