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

    /// <summary>A GP's referral for a new person at practice Y00001, received, who agreed to share with <paramref name="consentWith"/> (their GP and VCS partners); its id.</summary>
    public async Task<Guid> ReferralReceivedAsync(string givenName = "Ada", string familyName = "Lovelace", string[]? consentWith = null, string urgency = "routine")
    {
        using var coordinator = As("care-coordinator");
        var response = await coordinator.PostAsJsonAsync("/api/referrals", new
        {
            patient = new { nhsNumber = NewNhsNumber(), givenName, familyName, dateOfBirth = "1950-12-10", practiceOds = "Y00001", postcode = "LS7 3AP", phone = "0113 496 0000" },
            reason = "Lives alone, struggling after discharge",
            urgency,
            source = "gp",
            referrer = new { name = "Dr Asha Patel", role = "gp", organisation = "Chapel Allerton Surgery", odsCode = "Y00001" },
            needs = new[] { "social-isolation" },
            consent = new { toShare = true, with = consentWith ?? ["gp", "vcs-partners"] },
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

    /// <summary>The directory organisation the development account "Val Partner" belongs to (Identity's <c>DevelopmentAccounts.PartnerOrganisation</c>).</summary>
    public const string PartnerOrganisation = "0b9c3b8e-6c1e-4b7a-9a55-3f0d8f6a1c01";

    /// <summary>The development clinician, "Dr Cleo Clinician".</summary>
    public const string Clinician = "dev-clinician";

    /// <summary>
    /// A new directory service of the development partner's organisation (taking direct referrals unless
    /// <paramref name="referralRoute"/> says otherwise, listed under <paramref name="need"/> when given); its id. The
    /// organisation comes in by a team lead's feed import (the only way to give it the id the partner's account names),
    /// with a signposting listing of its own, idempotently; the service is then listed through the management API.
    /// </summary>
    public async Task<Guid> PartnerServiceAsync(string name, Guid? need = null, string referralRoute = "direct-referral")
    {
        using var lead = As("team-lead");
        var feed = new[]
        {
            new
            {
                // One listing, imported again by each test: the import finds it by its id and leaves it as it was.
                id = Guid.Parse("0b9c3b8e-6c1e-4b7a-9a55-3f0d8f6a1c02"), name = "Chapel Allerton Lunch Club", status = "active",
                organization = new { id = Guid.Parse(PartnerOrganisation), name = "Chapel Allerton Community Trust", description = "Befriending and social groups in north Leeds." },
            },
        };
        var report = await PostAsync(lead, "/api/directory/imports/file", feed);
        Assert.True(report.GetProperty("rejected").GetArrayLength() == 0, report.ToString());
        var service = await PostAsync(lead, "/api/directory/services", new
        {
            organisationId = Guid.Parse(PartnerOrganisation), name, description = "Weekly visits from a volunteer for people living alone.",
            email = "hello@example.org.uk", status = "active", isPublic = true, capacity = "accepting-referrals", referralRoute,
            taxonomyTermIds = need is { } term ? new[] { term } : [],
        });
        return service.GetProperty("id").GetGuid();
    }

    /// <summary>A need category of its own (a taxonomy with one term, added by a team lead), so a search by it finds only what a test lists under it; the term's id.</summary>
    public async Task<Guid> NeedAsync(string name)
    {
        using var lead = As("team-lead");
        var taxonomy = await PostAsync(lead, "/api/directory/taxonomies", new { name = $"Needs for {name}", description = "Need categories for the browser tests." });
        var term = await PostAsync(lead, $"/api/directory/taxonomies/{taxonomy.GetProperty("id").GetGuid()}/terms",
            new { name, description = $"Services that help with {name.ToLowerInvariant()}." });
        return term.GetProperty("id").GetGuid();
    }

    /// <summary>A coordinator's onward referral of <paramref name="referral"/> to the directory service <paramref name="serviceId"/>; its id.</summary>
    public async Task<Guid> OnwardReferralAsync(Guid referral, Guid serviceId, string summary)
    {
        using var coordinator = As("care-coordinator");
        return (await PostAsync(coordinator, $"/api/referrals/{referral}/onward-referrals", new { kind = "directory-service", serviceId, summary }))
            .GetProperty("id").GetGuid();
    }

    /// <summary>A coordinator's escalation of <paramref name="referral"/> to the development clinician; its id.</summary>
    public async Task<Guid> EscalatedAsync(Guid referral, string concern, string severity = "urgent")
    {
        using var coordinator = As("care-coordinator");
        return (await PostAsync(coordinator, $"/api/referrals/{referral}/escalations",
            new { severity, concern, clinician = new { userId = Clinician, name = "Dr Cleo Clinician" } })).GetProperty("id").GetGuid();
    }

    /// <summary>A one-off MDT meeting of practice Y00001 on <paramref name="date"/> (UK), chaired by the API's coordinator; its id.</summary>
    public async Task<Guid> MeetingScheduledAsync(string title, DateOnly date)
    {
        using var coordinator = As("care-coordinator");
        return (await PostAsync(coordinator, "/api/meetings", new
        {
            kind = "case-review", title, scope = "practice", organisation = "Y00001", chair = new { userId = "user-care-coordinator", name = "Test care-coordinator" },
            date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), startTime = "10:00", durationMinutes = 60, location = "Chapel Allerton Surgery",
        })).GetProperty("id").GetGuid();
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
