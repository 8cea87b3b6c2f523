using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareMesh.Meetings.Data;
using CareMesh.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Meetings.Tests;

/// <summary>
/// The calls the Meetings tests make, as a coordinator, a chair and others would: each user is a
/// role of their own (the test tokens name the user <c>user-&lt;role&gt;</c>).
/// </summary>
public sealed class MeetingsApiCalls(MeetingsServiceFactory factory)
{
    /// <summary>The chair of every series these tests make: the clinician.</summary>
    public const string ChairUserId = "user-clinician";

    public const string CoordinatorUserId = "user-care-coordinator";
    public const string Practice = "Y00001";

    public HttpClient Coordinator { get; } = factory.CreateClientAs(CareMeshRoles.CareCoordinator, Practice);
    public HttpClient Chair { get; } = factory.CreateClientAs(CareMeshRoles.Clinician, Practice);
    public HttpClient OtherPractice { get; } = factory.CreateClientAs(CareMeshRoles.LinkWorker, "Y00002");

    public static JsonObject Series(string day = "tuesday", string time = "09:30", string frequency = "weekly", string? week = null,
        string startsOn = "2026-03-24", int interval = 1, string scope = "practice", string organisation = Practice, int durationMinutes = 60) => new()
    {
        ["kind"] = "case-review",
        ["title"] = "Practice case review",
        ["scope"] = scope,
        ["organisation"] = organisation,
        ["chair"] = new JsonObject { ["userId"] = ChairUserId, ["name"] = "Dr Asha Patel" },
        ["recurrence"] = new JsonObject { ["frequency"] = frequency, ["interval"] = interval, ["day"] = day, ["week"] = week },
        ["startTime"] = time,
        ["durationMinutes"] = durationMinutes,
        ["startsOn"] = startsOn,
        ["location"] = "Chapel Allerton Health Centre, room 2",
        ["videoLink"] = "https://teams.example.nhs.uk/mdt",
        ["coreMembers"] = new JsonArray(
            new JsonObject { ["role"] = "gp", ["organisation"] = Practice, ["userId"] = ChairUserId, ["name"] = "Dr Asha Patel" },
            new JsonObject { ["role"] = "care-coordinator", ["organisation"] = Practice, ["userId"] = CoordinatorUserId, ["name"] = "Sam Jones" },
            new JsonObject { ["role"] = "social-worker", ["organisation"] = "Leeds City Council" }),
        ["quorum"] = new JsonObject { ["requiredRoles"] = new JsonArray("gp", "care-coordinator"), ["minimumPresent"] = 3 },
    };

    public async Task<JsonElement> CreateSeriesAsync(JsonObject body)
    {
        var response = await Coordinator.PostAsJsonAsync("/api/meeting-series", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A one-off meeting at a UK date and time, chaired by <see cref="ChairUserId"/>.</summary>
    public async Task<JsonElement> CreateMeetingAsync(string date, string time = "13:00", string scope = "practice", string organisation = Practice, JsonObject? quorum = null)
    {
        var response = await Coordinator.PostAsJsonAsync("/api/meetings", new JsonObject
        {
            ["kind"] = "case-review",
            ["title"] = "Practice MDT",
            ["scope"] = scope,
            ["organisation"] = organisation,
            ["chair"] = new JsonObject { ["userId"] = ChairUserId, ["name"] = "Dr Asha Patel" },
            ["date"] = date,
            ["startTime"] = time,
            ["durationMinutes"] = 90,
            ["location"] = "Room 2",
            ["coreMembers"] = new JsonArray(new JsonObject { ["role"] = "gp", ["organisation"] = Practice, ["userId"] = ChairUserId, ["name"] = "Dr Asha Patel" }),
            ["quorum"] = quorum ?? new JsonObject { ["requiredRoles"] = new JsonArray("gp", "care-coordinator"), ["minimumPresent"] = 2 },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static JsonObject PersonItem(string nhsNumber, string reason = "Two falls since discharge", int minutes = 10) => new()
    {
        ["kind"] = "person",
        ["nhsNumber"] = nhsNumber,
        ["reason"] = reason,
        ["askedBy"] = "Dr Asha Patel",
        ["question"] = "Is a falls clinic referral needed now?",
        ["minutesAllotted"] = minutes,
    };

    public async Task<JsonElement> AddItemAsync(Guid meetingId, JsonObject item, HttpClient? client = null)
    {
        var response = await (client ?? Coordinator).PostAsJsonAsync($"/api/meetings/{meetingId}/agenda", item);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> GetAsync(string path, HttpClient? client = null)
    {
        var response = await (client ?? Coordinator).GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PostAsync(string path, object? body = null, HttpClient? client = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await (client ?? Coordinator).PostAsJsonAsync(path, body ?? new { });
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PutAsync(string path, object body, HttpClient? client = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await (client ?? Coordinator).PutAsJsonAsync(path, body);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Publishes <paramref name="message"/> as its own type into the service's broker, as another service would.</summary>
    public Task PublishAsync(object message, Guid messageId) =>
        factory.Services.GetRequiredService<IBus>().Publish(message, message.GetType(), context => context.MessageId = messageId);

    public async Task<T> QueryAsync<T>(Func<MeetingsDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MeetingsDbContext>());
    }

    /// <summary>Audit rows for a person, newest last.</summary>
    public Task<List<AuditEvent>> AuditOfAsync(string nhsNumber) =>
        QueryAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(a => a.NhsNumber == nhsNumber).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Messages of <paramref name="eventName"/> (e.g. MdtActionOverdue) the service published that <paramref name="ours"/> accepts, gathered until <paramref name="enough"/>.</summary>
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

    public static string Exchange(string eventName) => $"CareMesh.Contracts.Meetings:{eventName}";
}
