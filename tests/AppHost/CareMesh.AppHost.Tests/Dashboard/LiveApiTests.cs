using System.Text.Json;
using CareMesh.AppHost.Model;
using CareMesh.Testing;

namespace CareMesh.AppHost.Tests.Dashboard;

/// <summary>The page's one live stream: resources whenever one changes, telemetry counts whenever some arrives.</summary>
public sealed class LiveApiTests : IAsyncLifetime
{
    private DashboardHost host = null!;

    public async Task InitializeAsync() => host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_resource_change_and_new_telemetry_are_pushed_to_an_open_page()
    {
        using var client = await host.SignedInAsync();
        using var patience = new CancellationTokenSource(TestResources.Patience);
        using var response = await client.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead, patience.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(patience.Token));

        var first = await NextEventAsync(reader, "resources", patience.Token);
        host.App.Resources["directory"].Update(snapshot => snapshot with { State = ResourceState.Running, Health = ResourceHealth.Healthy });
        var changed = await NextEventAsync(reader, "resources", patience.Token);
        host.Telemetry.Accept(OtlpSamples.Trace("directory", 4));
        var telemetry = await NextEventAsync(reader, "telemetry", patience.Token, data => data.GetProperty("spans").GetInt32() == 4);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("NotStarted", State(first, "directory"));
        Assert.Equal("Running", State(changed, "directory"));
        Assert.Equal(1, telemetry.GetProperty("traces").GetInt32());
    }

    private static string? State(JsonElement resources, string name) =>
        resources.EnumerateArray().Single(r => r.GetProperty("name").GetString() == name).GetProperty("state").GetString();

    /// <summary>The data of the next event of that name (that meets the condition, if given).</summary>
    private static async Task<JsonElement> NextEventAsync(StreamReader reader, string name, CancellationToken cancellationToken, Func<JsonElement, bool>? condition = null)
    {
        string? current = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                current = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && current == name)
            {
                var data = JsonDocument.Parse(line["data: ".Length..]).RootElement;
                if (condition?.Invoke(data) ?? true)
                {
                    return data;
                }
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }
}
