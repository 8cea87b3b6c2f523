using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareMesh.Browser.Tests;

/// <summary>
/// Setting the scene through the gateway's API, as another user would be doing it elsewhere while a page is open:
/// a client per role, and referrals of people no other test has (the platform is shared by every browser test).
/// </summary>
public sealed class GatewayCalls(WorkspaceFixture workspace)
{
    private static int _people = Random.Shared.Next(100_000, 800_000);

    public HttpClient As(string role, string organisation = "Y00001")
    {
        var client = new HttpClient { BaseAddress = new Uri(workspace.Platform.GatewayUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", workspace.Platform.TokenFor(role, organisation));
        return client;
    }

    /// <summary>A valid NHS number (modulus 11) not used before in this run.</summary>
    public static string NewNhsNumber()
    {
        while (true)
        {
            var digits = $"9{Interlocked.Increment(ref _people):D8}";
            var total = digits.Select((c, i) => (c - '0') * (10 - i)).Sum();
            var check = 11 - (total % 11);
            if (check != 10)
            {
                return digits + (check == 11 ? 0 : check);
            }
        }
    }

    /// <summary>A GP's referral for a new person at practice Y00001, received; its id.</summary>
    public async Task<Guid> ReferralReceivedAsync(string givenName = "Ada", string familyName = "Lovelace")
    {
        using var coordinator = As("care-coordinator");
        var response = await coordinator.PostAsJsonAsync("/api/referrals", new
        {
            patient = new { nhsNumber = NewNhsNumber(), givenName, familyName, dateOfBirth = "1950-12-10", practiceOds = "Y00001", postcode = "LS7 3AP", phone = "0113 496 0000" },
            reason = "Lives alone, struggling after discharge",
            urgency = "routine",
            source = "gp",
            referrer = new { name = "Dr Asha Patel", role = "gp", organisation = "Chapel Allerton Surgery", odsCode = "Y00001" },
            needs = new[] { "social-isolation" },
            consent = new { toShare = true, with = new[] { "gp", "vcs-partners" } },
        });
        return (await ReadAsync(response)).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// A new person's referral received, triaged, allocated to the development account <paramref name="userId"/> and accepted
    /// (which opens their draft care plan, by an event, soon after); its id.
    /// </summary>
    public async Task<Guid> ReferralAcceptedAsync(string userId, string name, string givenName = "Ada", string familyName = "Lovelace")
    {
        await TeamMemberAsync(userId, name, "care-coordinator");
        var referral = await ReferralReceivedAsync(givenName, familyName);
        using var lead = As("team-lead");
        await PostAsync(lead, $"/api/referrals/{referral}/triage", new { role = "care-coordinator", complexity = "standard" });
        await PostAsync(lead, $"/api/referrals/{referral}/allocate", new { userId });
        await PostAsync(lead, $"/api/referrals/{referral}/transitions", new { action = "accept" });
        return referral;
    }

    /// <summary>Makes the development account <paramref name="userId"/> a member of the team (a team lead's setting), idempotently.</summary>
    public async Task TeamMemberAsync(string userId, string name, string role)
    {
        using var lead = As("team-lead");
        await ReadAsync(await lead.PutAsJsonAsync($"/api/referrals/team/{userId}", new { name, role, capacity = 500 }));
    }

    public async Task<JsonElement> PostAsync(HttpClient client, string path, object body) => await ReadAsync(await client.PostAsJsonAsync(path, body));

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
