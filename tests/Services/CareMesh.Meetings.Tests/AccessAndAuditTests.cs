using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Meetings.Tests;

/// <summary>Who sees which meeting, and every read and write of a person's items in the audit trail.</summary>
public class AccessAndAuditTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>, IAsyncLifetime
{
    private readonly MeetingsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Another_practices_meeting_is_not_found_in_any_of_its_parts_and_the_whole_pcns_is_seen_by_all()
    {
        var ours = (await _api.CreateMeetingAsync("2026-12-30")).GetProperty("id").GetGuid();
        var pcn = (await _api.CreateMeetingAsync("2026-12-31", scope: "pcn", organisation: "U12345")).GetProperty("id").GetGuid();
        await _api.AddItemAsync(ours, MeetingsApiCalls.PersonItem("9434765919"));

        foreach (var part in (string[])["", "/agenda", "/papers", "/papers.pdf", "/minutes", "/attendance", "/actions", "/calendar.ics"])
        {
            var response = await _api.OtherPractice.GetAsync($"/api/meetings/{ours}{part}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{part}: {response.StatusCode}");
        }

        var write = await _api.OtherPractice.PostAsJsonAsync($"/api/meetings/{ours}/agenda", MeetingsApiCalls.PersonItem("9449305552"));
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.OtherPractice.GetAsync($"/api/meetings/{pcn}")).StatusCode);
        Assert.DoesNotContain((await _api.AuditOfAsync("9434765919")), a => a.Organisation == "Y00002");
    }

    [Fact]
    public async Task Every_read_and_write_of_a_persons_item_is_audited_and_a_team_lead_can_look_it_up()
    {
        // A number no other test of this class uses: the audit trail is never emptied between tests.
        const string nhsNumber = "9000000009";
        var meeting = (await _api.CreateMeetingAsync("2026-12-30")).GetProperty("id").GetGuid();
        var item = (await _api.AddItemAsync(meeting, MeetingsApiCalls.PersonItem(nhsNumber))).GetProperty("id").GetGuid();
        await _api.GetAsync($"/api/meetings/{meeting}/agenda", _api.Chair);
        await _api.PutAsync($"/api/meetings/{meeting}/minutes/{item}", new { situation = "Falls", outcome = "discussed" });
        await _api.GetAsync($"/api/meetings/{meeting}/minutes");

        var lead = factory.CreateClientAs(CareMeshRoles.TeamLead);
        var lookup = await lead.PostAsJsonAsync("/api/meetings/audit/lookup", new { nhsNumber });
        var byCoordinator = await _api.Coordinator.PostAsJsonAsync("/api/meetings/audit/lookup", new { nhsNumber });

        var trail = await _api.AuditOfAsync(nhsNumber);
        Assert.Equal(
            [("agenda-item.create", MeetingsApiCalls.CoordinatorUserId), ("agenda-item.read", MeetingsApiCalls.ChairUserId),
             ("minute.write", MeetingsApiCalls.CoordinatorUserId), ("minute.read", MeetingsApiCalls.CoordinatorUserId), ("audit.read", "user-team-lead")],
            trail.Select(a => (a.Action, a.UserId)));
        Assert.All(trail.Take(4), a => Assert.Equal(item.ToString(), a.RecordId));
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal(4, (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
    }

    [Fact]
    public async Task A_refused_write_changes_nothing_and_leaves_no_audit()
    {
        var meeting = (await _api.CreateMeetingAsync("2026-12-30")).GetProperty("id").GetGuid();
        await _api.PostAsync($"/api/meetings/{meeting}/cancel", new { reason = "Clash" });

        var refused = await _api.Coordinator.PostAsJsonAsync($"/api/meetings/{meeting}/agenda", MeetingsApiCalls.PersonItem("9434765919"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Empty(await _api.AuditOfAsync("9434765919"));
    }
}
