using Microsoft.Extensions.Hosting;
using System.Net.Http.Json;
using CareMesh.Meetings.Data;
using CareMesh.Meetings.Programme;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Meetings.Tests.Programme;

public class UpcomingMeetingsTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClientAs(CareMeshRoles.CareCoordinator);

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

        var meetings = await _client.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings");

        Assert.Equal(["MDT in progress", "Tomorrow's MDT", "Next month's MDT"], meetings!.Select(m => m.Title));
    }

    [Fact]
    public async Task No_meetings_is_an_empty_list()
    {
        var meetings = await _client.GetFromJsonAsync<List<MeetingSummary>>("/api/meetings");

        Assert.Empty(meetings!);
    }

    private static MdtMeeting Meeting(string title, DateTimeOffset startsAt) =>
        new() { Id = Guid.NewGuid(), Title = title, StartsAt = startsAt, Duration = TimeSpan.FromHours(1) };

    private async Task Seed(params MdtMeeting[] meetings)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        db.Meetings.AddRange(meetings);
        await db.SaveChangesAsync();
    }
}
