using Microsoft.Extensions.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareMesh.Messaging.Outbox;
using CareMesh.Referrals.Data;
using CareMesh.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Referrals.Tests.Intake;

public class ReferralsApiTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private const string ValidReferral = """
        {"patient": {"nhsNumber": "9434765919", "givenName": "Ada", "familyName": "Lovelace",
                     "dateOfBirth": "1950-12-10", "practiceOds": "Y00001"},
         "reason": "Lives alone, struggling after discharge", "urgency": "routine", "source": "gp"}
        """;

    private readonly HttpClient _client = factory.CreateClientAs(CareMeshRoles.CareCoordinator);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_valid_referral_is_stored_and_announced_in_the_same_commit()
    {
        var response = await Post(ValidReferral);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/referrals/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("received", body.GetProperty("status").GetString());
        Assert.Equal("9434765919", body.GetProperty("patient").GetProperty("nhsNumber").GetString());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var stored = await db.Referrals.SingleAsync();
        Assert.Equal(id, stored.Id);
        var announced = await db.Set<OutboxMessage>().SingleAsync();
        Assert.Equal("CareMesh.Contracts.Referrals.ReferralReceived", announced.MessageType);
        Assert.Contains(id.ToString(), announced.Payload);
    }

    [Fact]
    public async Task The_announcement_leaves_the_outbox_and_operations_can_see_the_backlog_drain()
    {
        await Post(ValidReferral);

        var operations = factory.CreateClientAs(CareMeshRoles.Ops);
        var backlog = await Eventually.Until(
            () => operations.GetFromJsonAsync<JsonElement>("/internal/messaging/outbox"),
            b => b.GetProperty("pending").GetInt32() == 0, what: "the outbox to drain");

        Assert.Equal(0, backlog.GetProperty("failing").GetInt32());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        Assert.NotNull((await db.Set<OutboxMessage>().SingleAsync()).SentAt);
    }

    [Fact]
    public async Task A_stored_referral_can_be_read_back()
    {
        var created = await (await Post(ValidReferral)).Content.ReadFromJsonAsync<JsonElement>();

        var read = await _client.GetFromJsonAsync<JsonElement>($"/api/referrals/{created.GetProperty("id").GetGuid()}");

        Assert.Equal("Lovelace", read.GetProperty("patient").GetProperty("familyName").GetString());
        Assert.Equal("routine", read.GetProperty("urgency").GetString());
    }

    [Fact]
    public async Task An_unknown_referral_is_a_404_problem()
    {
        var response = await _client.GetAsync($"/api/referrals/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string> MalformedReferrals => new()
    {
        { "{\"patient\": ", "body" },
        { "[]", "body" },
        { ValidReferral.Replace("9434765919", "9434765918"), "patient.nhsNumber" },
        { ValidReferral.Replace("\"givenName\": \"Ada\", ", ""), "patient.givenName" },
        { ValidReferral.Replace("1950-12-10", "1950-13-45"), "body" },
        { ValidReferral.Replace("routine", "eventually"), "urgency" },
        { "{}", "patient" },
    };

    [Theory]
    [MemberData(nameof(MalformedReferrals))]
    public async Task A_malformed_referral_is_a_400_problem_and_stores_nothing(string json, string faultyField)
    {
        var response = await Post(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(400, problem!.Status);
        if (faultyField != "body")
        {
            Assert.Contains(faultyField, problem.Errors.Keys);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        Assert.Equal(0, await db.Referrals.CountAsync());
        Assert.Equal(0, await db.Set<OutboxMessage>().CountAsync());
    }

    private Task<HttpResponseMessage> Post(string json) =>
        _client.PostAsync("/api/referrals", new StringContent(json, Encoding.UTF8, "application/json"));
}
