using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;

namespace CareMesh.CarePlans.Tests;

/// <summary>Who sees which plan, and every read and write of it in the audit trail.</summary>
public class AccessAndAuditTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>, IAsyncLifetime
{
    private readonly CarePlansApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Another_practices_plan_is_not_found_in_any_of_its_parts_but_its_coordinator_sees_it_from_anywhere()
    {
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        await _api.PostAsync($"/api/care-plans/{id}/agree", new { method = "in-person", carerPresent = false });

        foreach (var part in (string[])["", "/versions", "/versions/1", "/versions/1/copy.pdf", "/versions/1/copy.html", "/versions/1/copy.txt", "/versions/diff?from=1&to=1"])
        {
            var response = await _api.OtherPractice.GetAsync($"/api/care-plans/{id}{part}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{part}: {response.StatusCode}");
        }

        var write = await _api.OtherPractice.PutAsJsonAsync($"/api/care-plans/{id}/sections", new { });
        var lookup = await _api.OtherPractice.PostAsJsonAsync("/api/care-plans/lookup", new { nhsNumber = "9434765919" });
        var open = await _api.OtherPractice.PostAsJsonAsync("/api/care-plans", CarePlansApiCalls.OpenRequest("9449305552"));
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, open.StatusCode);

        // The plan's coordinator, working from the PCN's hub this time, still reaches it.
        var coordinatorElsewhere = factory.CreateClientAs(CareMeshRoles.CareCoordinator, "Y00002");
        Assert.Equal(HttpStatusCode.OK, (await coordinatorElsewhere.GetAsync($"/api/care-plans/{id}")).StatusCode);
        var partner = factory.CreateClientAs(CareMeshRoles.VcsPartner, "Y00001");
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/care-plans/{id}")).StatusCode);
    }

    [Fact]
    public async Task Every_read_and_write_is_audited_refusals_as_such_and_a_team_lead_can_look_it_up()
    {
        // A number no other test of this class uses: the audit trail is never emptied between tests.
        const string nhsNumber = "9000000009";
        var id = (await _api.OpenAsync(nhsNumber)).GetProperty("id").GetGuid();
        await _api.GetAsync($"/api/care-plans/{id}", _api.Clinician);
        await _api.PutAsync($"/api/care-plans/{id}/sections", new { aboutMe = new { whatMatters = "Gardening" } });
        await _api.PostAsync("/api/care-plans/lookup", new { nhsNumber });
        await _api.OtherPractice.PostAsJsonAsync("/api/care-plans/lookup", new { nhsNumber });

        var lead = factory.CreateClientAs(CareMeshRoles.TeamLead);
        var lookup = await lead.PostAsJsonAsync("/api/care-plans/audit/lookup", new { nhsNumber });
        var byCoordinator = await _api.Coordinator.PostAsJsonAsync("/api/care-plans/audit/lookup", new { nhsNumber });

        var trail = await _api.AuditOfAsync(nhsNumber);
        Assert.Equal(
            [("care-plan.create", CarePlansApiCalls.CoordinatorUserId, AuditOutcomes.Succeeded), ("care-plan.read", "user-clinician", AuditOutcomes.Succeeded),
             ("care-plan.update", CarePlansApiCalls.CoordinatorUserId, AuditOutcomes.Succeeded), ("patient.read", CarePlansApiCalls.CoordinatorUserId, AuditOutcomes.Succeeded),
             ("patient.read", "user-link-worker", AuditOutcomes.Denied), ("audit.read", "user-team-lead", AuditOutcomes.Succeeded)],
            trail.Select(a => (a.Action, a.UserId, a.Outcome)));
        Assert.All(trail.Take(3), a => Assert.Equal(id.ToString(), a.RecordId));
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal(5, (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
    }
}
