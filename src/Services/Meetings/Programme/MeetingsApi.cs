using CareMesh.Meetings.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Programme;

public static class MeetingsApi
{
    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/meetings").WithTags("MDT meetings").RequireAuthorization(CareMeshPolicies.Staff);
        meetings.MapGet("/", GetUpcomingMeetings).WithName(nameof(GetUpcomingMeetings));
        return app;
    }

    /// <summary>MDT meetings that have not yet finished, soonest first.</summary>
    public static async Task<Ok<List<MeetingSummary>>> GetUpcomingMeetings(
        MeetingsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.StartsAt + m.Duration > now)
            .OrderBy(m => m.StartsAt)
            .Select(m => new MeetingSummary(m.Id, m.Title, m.StartsAt, m.Duration, m.Location))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(meetings);
    }
}

public sealed record MeetingSummary(Guid Id, string Title, DateTimeOffset StartsAt, TimeSpan Duration, string? Location);
