using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Meetings.Data;
using CareMesh.Meetings.Programme;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Meetings.Tests.Programme;

public class UpcomingMeetingsTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClientAs(CareMeshRoles.CareCoordinator, "Y00001");

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Meetings_not_yet_finished_are_listed_soonest_first()
    {
        var now = DateTimeOffset.UtcNow;
        await Seed(
            Meeting("Last week's MDT", now.AddDays(-7)),
            Meeting("Next month's MDT", now.AddDays(30)),
            Meeting("MDT in progress", now.AddMinutes(-30)),
            Meeting("Tomorrow's MDT", now.AddDays(1)));

        var meetings = await _client.GetFromJsonAsync<List<JsonElement>>("/api/meetings");

        Assert.Equal(["MDT in progress", "Tomorrow's MDT", "Next month's MDT"], meetings!.Select(m => m.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Another_practices_meetings_are_not_listed_and_the_whole_pcns_are()
    {
        var now = DateTimeOffset.UtcNow;
        await Seed(
            Meeting("Our practice", now.AddDays(1)),
            Meeting("Another practice", now.AddDays(2), organisation: "Y00002"),
            Meeting("Whole PCN", now.AddDays(3), organisation: "U12345", scope: MeetingScope.Pcn));

        var meetings = await _client.GetFromJsonAsync<List<JsonElement>>("/api/meetings");

        Assert.Equal(["Our practice", "Whole PCN"], meetings!.Select(m => m.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task No_meetings_is_an_empty_list()
    {
        var meetings = await _client.GetFromJsonAsync<List<JsonElement>>("/api/meetings");

        Assert.Empty(meetings!);
    }

    private static MdtMeeting Meeting(string title, DateTimeOffset startsAt, string organisation = "Y00001", MeetingScope scope = MeetingScope.Practice) =>
        new() { Id = Guid.NewGuid(), Title = title, StartsAt = startsAt, Duration = TimeSpan.FromHours(1), Organisation = organisation, Scope = scope };

    private async Task Seed(params MdtMeeting[] meetings)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        db.Meetings.AddRange(meetings);
        await db.SaveChangesAsync();
    }
}
