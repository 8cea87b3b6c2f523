using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Referrals.Tests.Settings;

/// <summary>The PCN's referral settings, as forms offer them and as the requests are checked against them.</summary>
public class SettingsTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private readonly ReferralsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_need_the_settings_list_is_accepted_on_a_referral_and_one_they_do_not_is_refused()
    {
        var settings = await _api.GetAsync("/api/referrals/settings");
        var needs = Strings(settings, "needs");
        Assert.Contains("social-isolation", needs);
        Assert.Equal(3, settings.GetProperty("failedContactRule").GetProperty("attempts").GetInt32());
        Assert.Equal(14, settings.GetProperty("onwardReferralAnswerDays").GetInt32());
        Assert.Equal("871731000000106", settings.GetProperty("outcomeCodes").GetProperty("accepted")[0].GetProperty("code").GetString());

        var listed = ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(1));
        listed["needs"] = new JsonArray(needs[^1]);
        Assert.Equal(HttpStatusCode.Created, (await _api.Coordinator.PostAsJsonAsync("/api/referrals", listed)).StatusCode);
        var unlisted = ReferralsApiCalls.Referral(ReferralsApiCalls.NhsNumber(2));
        unlisted["needs"] = new JsonArray("astrology");
        var refused = await _api.Coordinator.PostAsJsonAsync("/api/referrals", unlisted);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("needs[0]", out _));
    }

    [Fact]
    public async Task A_PCN_that_configures_its_own_lists_gets_exactly_those_not_the_defaults_as_well()
    {
        await using var configured = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Referrals:Needs:0", "housing")
            .UseSetting("Referrals:Needs:1", "hoarding")
            .UseSetting("Referrals:DeclineReasons:0", "moved-away"));
        using var client = configured.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestServers.TokenFor(CareMeshRoles.LinkWorker, ReferralsApiCalls.Practice));

        var settings = await client.GetFromJsonAsync<JsonElement>("/api/referrals/settings");

        Assert.Equal(["housing", "hoarding"], Strings(settings, "needs"));
        Assert.Equal(["moved-away"], Strings(settings, "declineReasons"));
    }

    private static string[] Strings(JsonElement settings, string name) =>
        [.. settings.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}
