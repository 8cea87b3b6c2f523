using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareMesh.Referrals.Data;
using CareMesh.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Referrals.Tests;

/// <summary>
/// The calls the Referrals tests make, as a coordinator, a team lead, a clinician and others would:
/// each user is a role of their own (the test tokens name the user <c>user-&lt;role&gt;</c>).
/// </summary>
public sealed class ReferralsApiCalls(ReferralsServiceFactory factory)
{
    public const string Practice = "Y00001";

    public HttpClient Coordinator { get; } = factory.CreateClientAs(CareMeshRoles.CareCoordinator, Practice);
    public HttpClient TeamLead { get; } = factory.CreateClientAs(CareMeshRoles.TeamLead, Practice);
    public HttpClient Clinician { get; } = factory.CreateClientAs(CareMeshRoles.Clinician, Practice);
    public HttpClient LinkWorker { get; } = factory.CreateClientAs(CareMeshRoles.LinkWorker, Practice);

    /// <summary>A VCS partner of <paramref name="organisation"/> (its directory organisation id).</summary>
    public HttpClient Partner(Guid organisation) => factory.CreateClientAs(CareMeshRoles.VcsPartner, organisation.ToString());

    /// <summary>The <paramref name="i"/>th of a run of valid NHS numbers (modulus-11 check digit), none a real person's (they start 9).</summary>
    public static string NhsNumber(int i)
    {
        for (var candidate = 900_000_000 + i * 7; ; candidate++)
        {
            var digits = candidate.ToString("D9");
            var sum = digits.Select((d, k) => (d - '0') * (10 - k)).Sum();
            var check = 11 - sum % 11;
            if (check != 10)
            {
                return digits + (check == 11 ? 0 : check);
            }
        }
    }

    public static JsonObject Referral(string nhsNumber, string urgency = "routine", string source = "gp", bool consent = true, string practice = Practice) => new()
    {
        ["patient"] = new JsonObject
        {
            ["nhsNumber"] = nhsNumber, ["givenName"] = "Ada", ["familyName"] = "Lovelace", ["dateOfBirth"] = "1950-12-10", ["practiceOds"] = practice,
            ["addressLine1"] = "12 Chapel Street", ["town"] = "Leeds", ["postcode"] = "ls7 3ap", ["phone"] = "0113 496 0000",
            ["preferredContactMethod"] = "phone", ["preferredContactTimes"] = "weekday mornings", ["accessibilityNeeds"] = "Large print letters",
        },
        ["reason"] = "Lives alone, struggling after discharge",
        ["urgency"] = urgency,
        ["source"] = source,
        ["referrer"] = new JsonObject { ["name"] = "Dr Asha Patel", ["role"] = "gp", ["organisation"] = "Chapel Allerton Surgery", ["odsCode"] = "Y00001", ["email"] = "asha.patel@example.nhs.uk" },
        ["whatMatters"] = "Getting back to her Thursday choir",
        ["needs"] = new JsonArray("social-isolation", "physical-activity"),
        ["riskFlags"] = new JsonArray("lives-alone", "frailty"),
        ["consent"] = new JsonObject { ["toShare"] = consent, ["with"] = consent ? new JsonArray("gp", "vcs-partners") : new JsonArray() },
        ["carer"] = new JsonObject { ["name"] = "Grace Lovelace", ["relationship"] = "daughter", ["phone"] = "07700 900123", ["mayBeContacted"] = true },
    };

    public async Task<JsonElement> CreateReferralAsync(JsonObject? body = null, HttpClient? client = null)
    {
        var response = await (client ?? Coordinator).PostAsJsonAsync("/api/referrals", body ?? Referral(NhsNumber(1)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> GetAsync(string path, HttpClient? client = null)
    {
        var response = await (client ?? Coordinator).GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PostAsync(string path, object? body = null, HttpClient? client = null, HttpStatusCode expected = HttpStatusCode.OK, string? ifMatch = null)
    {
        var response = await SendAsync(HttpMethod.Post, path, body, client, ifMatch);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, HttpClient? client = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await (client ?? Coordinator).SendAsync(request);
    }

    /// <summary>Adds (or changes) a member of the team as a team lead would.</summary>
    public async Task AddMemberAsync(string userId, string name, string role = "link-worker", double capacity = 10, params string[] practices)
    {
        var response = await TeamLead.PutAsJsonAsync($"/api/referrals/team/{userId}", new { name, role, capacity, alignedPractices = practices });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<JsonElement> TriageAsync(Guid id, string role = "link-worker", string complexity = "standard") =>
        PostAsync($"/api/referrals/{id}/triage", new { role, complexity, namedClinician = new { userId = "user-clinician", name = "Dr Asha Patel" } });

    public Task<JsonElement> AllocateAsync(Guid id, string userId, string? reason = null) =>
        PostAsync($"/api/referrals/{id}/allocate", new { userId, reason });

    public Task<JsonElement> MoveAsync(Guid id, object body, HttpClient? client = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        PostAsync($"/api/referrals/{id}/transitions", body, client, expected);

    /// <summary>A referral received, triaged, allocated to <paramref name="member"/> (added to the team) and accepted.</summary>
    public async Task<Guid> AcceptedReferralAsync(string nhsNumber, string member = "user-link-worker", bool consent = true)
    {
        await AddMemberAsync(member, "Sam Jones");
        var id = (await CreateReferralAsync(Referral(nhsNumber, consent: consent))).GetProperty("id").GetGuid();
        await TriageAsync(id);
        await AllocateAsync(id, member);
        await MoveAsync(id, new { action = "accept", nextSteps = "First call this week" });
        return id;
    }

    /// <summary>Publishes <paramref name="message"/> as its own type into the service's broker, as another service would.</summary>
    public Task PublishAsync(object message, Guid messageId) =>
        factory.Services.GetRequiredService<IBus>().Publish(message, message.GetType(), context => context.MessageId = messageId);

    public async Task<T> QueryAsync<T>(Func<ReferralsDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReferralsDbContext>());
    }

    /// <summary>Audit rows for a person, oldest first.</summary>
    public Task<List<AuditEvent>> AuditOfAsync(string nhsNumber) =>
        QueryAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(a => a.NhsNumber == nhsNumber).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Binds a probe queue to an event's exchange (before the event is published).</summary>
    public Task ListenAsync(string eventName, string queue) => factory.Broker.BindQueueAsync(Exchange(eventName), queue);

    /// <summary>Messages on <paramref name="queue"/> that <paramref name="ours"/> accepts, gathered until <paramref name="enough"/>.</summary>
    public async Task<List<JsonElement>> PublishedAsync(string queue, Func<JsonElement, bool> ours, Func<List<JsonElement>, bool> enough, string what)
    {
        var seen = new List<JsonElement>();
        await Eventually.TrueAsync(async () =>
        {
            seen.AddRange((await factory.Broker.TakeMessagesAsync(queue)).Where(ours));
            return enough(seen);
        }, what: what);
        return seen;
    }

    /// <summary>Waits until the outbox has published everything committed so far, then takes what is left on <paramref name="queue"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> RestOfAsync(string queue)
    {
        await Eventually.TrueAsync(() => QueryAsync(db => db.Set<CareMesh.Messaging.Outbox.OutboxMessage>().AllAsync(m => m.SentAt != null)), what: "the outbox to drain");
        return await factory.Broker.TakeMessagesAsync(queue);
    }

    public static string Exchange(string eventName) => $"CareMesh.Contracts.Referrals:{eventName}";
}
