using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareMesh.CarePlans.Data;
using CareMesh.Contracts.Referrals;
using CareMesh.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.CarePlans.Tests;

/// <summary>
/// The calls the CarePlans tests make, as a coordinator and others would: each user is a role of
/// their own (the test tokens name the user <c>user-&lt;role&gt;</c>).
/// </summary>
public sealed class CarePlansApiCalls(CarePlansServiceFactory factory)
{
    public const string CoordinatorUserId = "user-care-coordinator";
    public const string Practice = "Y00001";

    public HttpClient Coordinator { get; } = factory.CreateClientAs(CareMeshRoles.CareCoordinator, Practice);
    public HttpClient Clinician { get; } = factory.CreateClientAs(CareMeshRoles.Clinician, Practice);
    public HttpClient OtherPractice { get; } = factory.CreateClientAs(CareMeshRoles.LinkWorker, "Y00002");

    public static ReferralAccepted Accepted(string nhsNumber, Guid? referralId = null, string practice = Practice) => new(
        referralId ?? Guid.NewGuid(),
        new ReferredPatient(nhsNumber, "Ada", "Lovelace", new DateOnly(1950, 12, 10), practice),
        "Lives alone, struggling after discharge",
        "To get back to the allotment",
        "routine",
        "standard",
        ["social-isolation", "mobility"],
        ["lives-alone", "frailty"],
        new TeamMember(CoordinatorUserId, "Sam Jones", "care-coordinator"),
        new TeamMember("user-clinician", "Dr Asha Patel", "clinician"),
        "user-team-lead",
        DateTimeOffset.UtcNow);

    public static JsonObject OpenRequest(string nhsNumber, string practice = Practice) => new()
    {
        ["nhsNumber"] = nhsNumber,
        ["givenName"] = "Ada",
        ["familyName"] = "Lovelace",
        ["dateOfBirth"] = "1950-12-10",
        ["practiceOds"] = practice,
        ["sections"] = new JsonObject
        {
            ["aboutMe"] = new JsonObject { ["whatMatters"] = "Seeing my grandchildren" },
            ["careCoordinator"] = new JsonObject { ["userId"] = CoordinatorUserId, ["name"] = "Sam Jones" },
        },
    };

    /// <summary>A draft plan opened by hand; gives the plan as answered.</summary>
    public async Task<JsonElement> OpenAsync(string nhsNumber, HttpClient? client = null) =>
        await PostAsync("/api/care-plans", OpenRequest(nhsNumber), client, HttpStatusCode.Created);

    /// <summary>The plan opened for an accepted referral, once it has been consumed.</summary>
    public async Task<JsonElement> DraftFromReferralAsync(string nhsNumber)
    {
        var accepted = Accepted(nhsNumber);
        await PublishAsync(accepted, Guid.NewGuid());
        var id = await Eventually.Until(() => QueryAsync(db => db.Plans.Where(p => p.ReferralId == accepted.ReferralId).Select(p => (Guid?)p.Id).SingleOrDefaultAsync()),
            id => id is not null, what: "the draft plan");
        return await GetAsync($"/api/care-plans/{id}");
    }

    public async Task<JsonElement> GetAsync(string path, HttpClient? client = null)
    {
        var response = await (client ?? Coordinator).GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<JsonElement> PostAsync(string path, object? body = null, HttpClient? client = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(HttpMethod.Post, path, body ?? new { }, client, expected);

    public Task<JsonElement> PutAsync(string path, object body, HttpClient? client = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(HttpMethod.Put, path, body, client, expected);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object body, HttpClient? client = null,
        HttpStatusCode expected = HttpStatusCode.OK, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await (client ?? Coordinator).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Publishes <paramref name="message"/> as its own type into the service's broker, as another service would.</summary>
    public Task PublishAsync(object message, Guid messageId) =>
        factory.Services.GetRequiredService<IBus>().Publish(message, message.GetType(), context => context.MessageId = messageId);

    public async Task<T> QueryAsync<T>(Func<CarePlansDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CarePlansDbContext>());
    }

    /// <summary>Audit rows for a person, oldest first.</summary>
    public Task<List<AuditEvent>> AuditOfAsync(string nhsNumber) =>
        QueryAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(a => a.NhsNumber == nhsNumber).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Messages a probe queue (bound with <see cref="TestVirtualHost.BindQueueAsync"/>) has gathered that <paramref name="ours"/> accepts, until <paramref name="enough"/>.</summary>
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

    public static string Exchange(string eventName) => $"CareMesh.Contracts.CarePlans:{eventName}";
}
