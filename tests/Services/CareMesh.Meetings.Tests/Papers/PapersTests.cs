using System.Net;
using CareMesh.Contracts;
using CareMesh.Contracts.CarePlans;
using CareMesh.Contracts.Referrals;
using CareMesh.Meetings.Papers;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using UglyToad.PdfPig;

namespace CareMesh.Meetings.Tests.Papers;

/// <summary>The papers pack from what Meetings has received, in each form, and the deadline flagged to the chair.</summary>
public class PapersTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>, IAsyncLifetime
{
    private readonly MeetingsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_pack_tells_each_persons_reason_flags_plan_open_actions_and_last_mdt_in_data_html_and_pdf()
    {
        const string nhsNumber = "9434765919";
        await _api.PublishAsync(new ReferralAccepted(Guid.NewGuid(), new ReferredPatient(nhsNumber, "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001"),
            "Lives alone after discharge", null, "urgent", "complex", ["housing"], ["lives-alone", "frailty"],
            new TeamMember("user-care-coordinator", "Sam Jones", "care-coordinator"), null, "user-care-coordinator", DateTimeOffset.UtcNow), Guid.NewGuid());
        var plan = Guid.NewGuid();
        await _api.PublishAsync(new CarePlanAgreed(plan, null, nhsNumber, "Y00001", 2, "in-person", false, "user-care-coordinator", DateTimeOffset.UtcNow,
            new DateOnly(2027, 6, 1), new GpCopy("codes-only", [new SnomedConcept("736366004", "Care plan")], null)), Guid.NewGuid());
        // A later message about the older version does not take the plan back.
        await _api.PublishAsync(new CarePlanDrafted(plan, null, nhsNumber, 1, null, DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.TrueAsync(async () => await _api.QueryAsync(db => db.People.AnyAsync(p => p.NhsNumber == nhsNumber && p.PlanStatus == "agreed"))
                                               && await factory.Broker.CountMessagesAsync("care-plan-status") == 0, what: "the plan recorded");

        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var series = (await _api.CreateSeriesAsync(MeetingsApiCalls.Series("tuesday", "09:30", startsOn: "2026-03-24"))).GetProperty("id").GetGuid();
        var meetings = await _api.GetAsync($"/api/meetings?seriesId={series}");
        var (first, second) = (meetings[0].GetProperty("id").GetGuid(), meetings[1].GetProperty("id").GetGuid());
        var earlier = (await _api.AddItemAsync(first, MeetingsApiCalls.PersonItem(nhsNumber))).GetProperty("id").GetGuid();
        await _api.PutAsync($"/api/meetings/{first}/minutes/{earlier}", new
        {
            decisions = new[] { new { kind = "refer-on", text = "Falls clinic" } }, nextSteps = "Review in a week", outcome = "still-open",
        });
        await _api.PostAsync($"/api/meetings/{first}/minutes/{earlier}/finalise");
        await _api.PostAsync($"/api/meetings/{first}/actions", new
        {
            description = "Book the falls clinic", owner = new { userId = "user-care-coordinator", name = "Sam Jones" }, dueOn = "2026-03-27", agendaItemId = earlier,
        }, expected: HttpStatusCode.Created);
        await _api.PostAsync($"/api/meetings/{first}/close");

        var pack = await _api.GetAsync($"/api/meetings/{second}/papers");
        var html = await (await _api.Coordinator.GetAsync($"/api/meetings/{second}/papers.html")).Content.ReadAsStringAsync();
        var pdf = await _api.Coordinator.GetAsync($"/api/meetings/{second}/papers.pdf");

        var person = Assert.Single(pack.GetProperty("people").EnumerateArray());
        Assert.Equal("Ada Lovelace", person.GetProperty("name").GetString());
        Assert.Equal("carried-forward", person.GetProperty("source").GetString());
        Assert.Equal(["lives-alone", "frailty", "housing"], person.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("agreed", person.GetProperty("planStatus").GetString());
        Assert.Equal(2, person.GetProperty("planVersion").GetInt32());
        Assert.Equal("Book the falls clinic", Assert.Single(person.GetProperty("openActions").EnumerateArray()).GetProperty("description").GetString());
        Assert.Equal("still-open", person.GetProperty("lastMdt").GetProperty("outcome").GetString());
        foreach (var expected in (string[])["Ada Lovelace", "943 476 5919", "lives-alone, frailty, housing", "agreed, version 2", "Book the falls clinic", "Refer on: Falls clinic"])
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(expected), html);
        }

        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var read = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", read.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Ada Lovelace", text);
        Assert.Contains("Book the falls clinic", text);
        Assert.Contains("Confidential", text);
        // Every form read is audited against the person, with the pack's own action.
        var audit = await _api.AuditOfAsync(nhsNumber);
        Assert.Equal(3, audit.Count(a => a.Action == "papers.read" && a.UserId == MeetingsApiCalls.CoordinatorUserId));
    }

    [Fact]
    public async Task Papers_not_circulated_by_the_deadline_are_flagged_to_the_chair_once()
    {
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        var late = await _api.CreateMeetingAsync("2026-03-26");
        var onTime = await _api.CreateMeetingAsync("2026-03-26", "15:00");
        var lateId = late.GetProperty("id").GetGuid();
        Assert.Equal(new DateTimeOffset(2026, 3, 25, 13, 0, 0, TimeSpan.Zero), late.GetProperty("papersDueAt").GetDateTimeOffset());
        var circulated = await _api.PostAsync($"/api/meetings/{onTime.GetProperty("id").GetGuid()}/papers/circulate");
        Assert.False(circulated.GetProperty("papersLate").GetBoolean());

        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 25, 12, 59, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<LatePapersCheck>();
        Assert.Empty((await _api.GetAsync("/api/meetings/chair", _api.Chair)).GetProperty("latePapers").EnumerateArray());
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 25, 13, 0, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<LatePapersCheck>();
        var flagged = await _api.QueryAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == lateId));
        await factory.Services.RunScheduledCheckAsync<LatePapersCheck>();

        var desk = await _api.GetAsync("/api/meetings/chair", _api.Chair);
        Assert.Equal(lateId, Assert.Single(desk.GetProperty("latePapers").EnumerateArray()).GetProperty("meeting").GetProperty("id").GetGuid());
        Assert.Equal(flagged.PapersLateFlaggedAt, (await _api.QueryAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == lateId))).PapersLateFlaggedAt);
        // Circulated now, they are out but marked late.
        var afterDeadline = await _api.PostAsync($"/api/meetings/{lateId}/papers/circulate");
        Assert.True(afterDeadline.GetProperty("papersLate").GetBoolean());
        // Someone else's desk shows nothing of it.
        Assert.Empty((await _api.GetAsync("/api/meetings/chair")).GetProperty("latePapers").EnumerateArray());
    }
}
