using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
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
    public async Task The_feed_root_points_at_the_public_address_of_a_document_describing_the_feed()
    {
        // As the app host runs a service behind the gateway, which passes on the host and scheme the caller used.
        using var behindGateway = factory.WithWebHostBuilder(host => host.UseSetting("FORWARDEDHEADERS_ENABLED", "true"));
        var client = behindGateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oruk/");
        request.Headers.Add("X-Forwarded-Host", "directory.pcn.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var details = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        var openApiUrl = new Uri(details.GetProperty("openapi_url").GetString()!);
        Assert.Equal("https://directory.pcn.example/oruk/openapi/oruk.json", openApiUrl.ToString());
        var document = await client.GetFromJsonAsync<JsonElement>(openApiUrl.PathAndQuery);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/oruk/services", paths);
        Assert.Contains("/oruk/service_at_locations/{id}", paths);
        Assert.All(paths, path => Assert.StartsWith("/oruk", path));
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
