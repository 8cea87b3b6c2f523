using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CareMesh.Directory.Tests.OpenReferral;

public class ApiDetailsTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_feed_root_names_the_standard_version_a_checker_tests_against()
    {
        var details = await _client.GetFromJsonAsync<JsonElement>("/oruk/");

        Assert.Equal("HSDS-UK-3.0", details.GetProperty("version").GetString());
        Assert.True(Uri.IsWellFormedUriString(details.GetProperty("profile").GetString(), UriKind.Absolute));
        var openApiUrl = new Uri(details.GetProperty("openapi_url").GetString()!);
        var openApi = await _client.GetAsync(openApiUrl.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
    }

    [Fact]
    public async Task The_service_is_ready_once_its_database_and_broker_answer()
    {
        var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        var checks = factory.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Where(r => r.Tags.Contains("ready")).Select(r => r.Name);
        Assert.Contains("directorydb", checks);
        Assert.Contains("masstransit-bus", checks);
    }
}
