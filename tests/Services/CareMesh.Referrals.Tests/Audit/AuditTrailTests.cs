using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareMesh.Referrals.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CareMesh.Referrals.Tests.Audit;

/// <summary>Every read and write of a referral leaves who, what, when and the outcome in an append-only trail.</summary>
public class AuditTrailTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>
{
    private const string Referral = """
        {"patient": {"nhsNumber": "4010232137", "givenName": "Grace", "familyName": "Hopper",
                     "dateOfBirth": "1946-12-09", "practiceOds": "Y00002"},
         "reason": "Carer breakdown", "urgency": "urgent", "source": "gp"}
        """;

    [Fact]
    public async Task Creating_and_reading_a_referral_are_audited_with_the_user_role_and_organisation()
    {
        var client = factory.CreateClientAs(CareMeshRoles.LinkWorker, "Y00002");
        var created = await client.PostAsync("/api/referrals", new StringContent(Referral, Encoding.UTF8, "application/json"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await client.GetAsync($"/api/referrals/{id}");
        await client.GetAsync($"/api/referrals/{Guid.Empty}");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var trail = await db.Set<AuditEvent>().Where(a => a.RecordId == id || a.RecordId == Guid.Empty.ToString()).OrderBy(a => a.Id).ToListAsync();

        Assert.Equal(
            [("referral.create", AuditOutcomes.Succeeded), ("referral.read", AuditOutcomes.Succeeded), ("referral.read", AuditOutcomes.NotFound)],
            trail.Select(a => (a.Action, a.Outcome)));
        Assert.All(trail, a =>
        {
            Assert.Equal("user-link-worker", a.UserId);
            Assert.Equal(CareMeshRoles.LinkWorker, a.Role);
            Assert.Equal("Y00002", a.Organisation);
            Assert.Equal(32, a.TraceId?.Length);
        });
        Assert.Equal("4010232137", trail[0].NhsNumber);
    }

    [Fact]
    public async Task A_refused_referral_leaves_no_referral_and_no_audit_of_one()
    {
        var client = factory.CreateClientAs(CareMeshRoles.CareCoordinator, "Y00003");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var before = await db.Set<AuditEvent>().CountAsync();

        var response = await client.PostAsync("/api/referrals", new StringContent(Referral.Replace("4010232137", "4010232138"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await db.Set<AuditEvent>().CountAsync());
    }

    [Fact]
    public async Task A_team_lead_can_see_who_looked_at_a_persons_record_and_the_look_up_is_itself_audited()
    {
        var coordinator = factory.CreateClientAs(CareMeshRoles.CareCoordinator, "Y00002");
        var created = await coordinator.PostAsync("/api/referrals", new StringContent(Referral, Encoding.UTF8, "application/json"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await factory.CreateClientAs(CareMeshRoles.LinkWorker, "Y00002").GetAsync($"/api/referrals/{id}");
        var lead = factory.CreateClientAs(CareMeshRoles.TeamLead, "Y00002");

        var lookup = await lead.PostAsJsonAsync("/api/referrals/audit/lookup", new { nhsNumber = "401 023 2137" });
        var refused = await coordinator.PostAsJsonAsync("/api/referrals/audit/lookup", new { nhsNumber = "4010232137" });
        var invalid = await lead.PostAsJsonAsync("/api/referrals/audit/lookup", new { nhsNumber = "4010232138" });

        var entries = (await lookup.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(["referral.read", "referral.create"], entries.Take(2).Select(e => e.GetProperty("action").GetString()));
        Assert.Equal([CareMeshRoles.LinkWorker, CareMeshRoles.CareCoordinator], entries.Take(2).Select(e => e.GetProperty("role").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        Assert.True(await db.Set<AuditEvent>().AnyAsync(a => a.Action == "audit.read" && a.NhsNumber == "4010232137" && a.UserId == "user-team-lead"));
    }

    [Theory]
    [InlineData("UPDATE audit_events SET outcome = 'succeeded'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    public async Task The_trail_cannot_be_changed_or_emptied(string sql)
    {
        await factory.CreateClientAs(CareMeshRoles.CareCoordinator).PostAsync("/api/referrals", new StringContent(Referral, Encoding.UTF8, "application/json"));
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", refused.MessageText);
    }
}
