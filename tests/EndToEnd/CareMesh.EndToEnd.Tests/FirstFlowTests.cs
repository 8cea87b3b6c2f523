using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.EndToEnd.Tests;

/// <summary>The first flow across the broker, driven through the gateway of the running platform.</summary>
public class FirstFlowTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task Every_resource_is_running_and_healthy()
    {
        Assert.All(TestPlatform.Resources, name =>
        {
            Assert.True(platform.Platform.App.ResourceNotifications.TryGetCurrentState(name, out var current), name);
            Assert.Equal(KnownResourceStates.Running, current.Snapshot.State?.Text);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, current.Snapshot.HealthStatus);
        });
        var health = await platform.Gateway.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void No_process_logs_an_error_while_starting_on_new_databases()
    {
        Assert.All(TestPlatform.Resources.Except(["postgres", "messaging", "queues"]), name =>
        {
            var lines = platform.ConsoleAtStart[name];
            Assert.Contains(lines, line => line.Contains("Application started", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains("fail: ", StringComparison.Ordinal) || line.Contains("crit: ", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Without_a_dashboard_no_process_sends_telemetry_to_the_dashboards_usual_port()
    {
        Assert.All(TestPlatform.Resources.Except(["postgres", "messaging", "queues"]), name =>
        {
            Assert.True(platform.Platform.App.ResourceNotifications.TryGetCurrentState(name, out var current), name);
            var variables = current.Snapshot.EnvironmentVariables.Select(variable => variable.Name).ToList();
            // Named with the exporter's settings: the snapshot is what the process was started with.
            Assert.Contains("OTEL_SERVICE_NAME", variables);
            Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", variables);
        });
    }

    [Fact]
    public async Task The_identity_provider_is_published_at_its_public_issuer_through_the_gateway()
    {
        var issuer = $"{platform.Platform.GatewayUrl}/identity/";

        var metadata = await platform.Gateway.GetFromJsonAsync<JsonElement>("/identity/.well-known/openid-configuration");

        Assert.Equal(issuer, metadata.GetProperty("issuer").GetString());
        Assert.Equal($"{issuer}connect/token", metadata.GetProperty("token_endpoint").GetString());
        var keys = await platform.Gateway.GetFromJsonAsync<JsonElement>(metadata.GetProperty("jwks_uri").GetString());
        Assert.NotEmpty(keys.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task Caremesh_token_gets_a_token_from_the_platforms_provider_that_the_gateway_and_services_accept()
    {
        var token = await CaremeshTokenAsync("--role", CareMeshRoles.Clinician, "--org", "Y00001", "--minutes", "5");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/meetings");
        request.Headers.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.SendAsync(request)).StatusCode);
        // The service checks it again itself, with the keys it fetched from the provider directly.
        using var direct = new HttpClient { BaseAddress = platform.Platform.EndpointOf("meetings") };
        Assert.Equal(HttpStatusCode.OK, (await direct.SendWithTokenAsync(HttpMethod.Get, "/api/meetings", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.SendWithTokenAsync(HttpMethod.Get, "/api/meetings", token[..^2])).StatusCode);
    }

    [Fact]
    public async Task The_workspace_sends_a_visitor_to_sign_in_at_the_provider_behind_the_gateway()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(platform.Platform.GatewayUrl) };

        var workspace = await browser.GetAsync("/caseload");

        Assert.Equal(HttpStatusCode.Redirect, workspace.StatusCode);
        var authorize = workspace.Headers.Location!;
        Assert.StartsWith($"{platform.Platform.GatewayUrl}/identity/connect/authorize?", authorize.AbsoluteUri);
        Assert.Contains(Uri.EscapeDataString($"{platform.Platform.GatewayUrl}/signin-oidc"), authorize.Query);
        // The provider knows the workspace and the gateway's address it returns to, so it asks for sign-in (not an error page).
        var provider = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, provider.StatusCode);
        Assert.StartsWith("/identity/account/login", provider.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(provider.Headers.Location)).StatusCode);
    }

    /// <summary>What <c>./caremesh token</c> runs: the app host's command, from its build output, pointed at this platform's gateway.</summary>
    private async Task<string> CaremeshTokenAsync(params string[] arguments)
    {
        var configuration = typeof(FirstFlowTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var appHost = Path.Combine(CareMesh.AppHost.CareMeshSettings.RepositoryRoot, "src", "AppHost", "bin", configuration, "net10.0", "CareMesh.AppHost.dll");
        var start = new ProcessStartInfo("dotnet", [appHost, "token", .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["CareMesh__GatewayPort"] = new Uri(platform.Platform.GatewayUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {await errors}");
        return (await output).Trim();
    }

    [Fact]
    public async Task A_referral_posted_to_the_gateway_reaches_care_planning()
    {
        var nhsNumber = "9434765919";
        var referralId = await PostReferral(nhsNumber, "Lives alone, struggling after discharge");

        var care = await WaitForReferralInCarePlans(nhsNumber, referralId);

        Assert.Equal("Lovelace", care.GetProperty("familyName").GetString());
    }

    [Fact]
    public async Task A_malformed_referral_is_refused_through_the_gateway_with_a_problem()
    {
        const string nhsNumber = "4010232137";
        var response = await platform.Gateway.PostAsync("/api/referrals",
            new StringContent(Referral(nhsNumber.Replace("7", "8"), "x"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("patient.nhsNumber", out _));
    }

    [Fact]
    public async Task A_killed_service_is_restarted_and_what_was_sent_meanwhile_arrives()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var pid = await platform.Platform.ProcessIdOf("careplans", deadline.Token);

        using (var process = Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(deadline.Token);
        }

        // Sent while CarePlans is down: the event waits in its durable queue.
        const string nhsNumber = "4010232137";
        var referralId = await PostReferral(nhsNumber, "Carer has fallen ill");

        // The app host starts it again (RestartOnCrash): a new process, running and healthy.
        await Eventually.Until(
            () => Task.FromResult(platform.Platform.App.ResourceNotifications.TryGetCurrentState("careplans", out var current) ? current.Snapshot : null),
            snapshot => snapshot is { HealthStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy }
                        && snapshot.State?.Text == KnownResourceStates.Running
                        && TestPlatform.ProcessIdIn(snapshot) is { } restarted && restarted != pid,
            TimeSpan.FromMinutes(1),
            "careplans running again in a new process");

        await WaitForReferralInCarePlans(nhsNumber, referralId);
    }

    private async Task<Guid> PostReferral(string nhsNumber, string reason)
    {
        var response = await platform.Gateway.PostAsync("/api/referrals",
            new StringContent(Referral(nhsNumber, reason), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> WaitForReferralInCarePlans(string nhsNumber, Guid referralId)
    {
        var care = await Eventually.Until(
            async () =>
            {
                // The NHS number goes in the body: it must never be in a URL.
                var response = await platform.Gateway.PostAsync("/api/care-plans/lookup",
                    new StringContent($$"""{"nhsNumber": "{{nhsNumber}}"}""", Encoding.UTF8, "application/json"));
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            },
            care => care?.GetProperty("referrals").EnumerateArray().Any(r => r.GetProperty("referralId").GetGuid() == referralId) == true,
            TimeSpan.FromSeconds(60),
            $"referral {referralId} in care planning");
        return care!.Value;
    }

    private static string Referral(string nhsNumber, string reason) => $$"""
        {"patient": {"nhsNumber": "{{nhsNumber}}", "givenName": "Ada", "familyName": "Lovelace",
                     "dateOfBirth": "1950-12-10", "practiceOds": "Y00001"},
         "reason": "{{reason}}", "urgency": "routine", "source": "gp"}
        """;
}
