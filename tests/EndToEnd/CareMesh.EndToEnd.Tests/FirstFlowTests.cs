using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using CareMesh.Testing;

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
