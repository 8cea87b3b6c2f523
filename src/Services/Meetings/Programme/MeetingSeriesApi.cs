using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Programme;

/// <summary>The MDT programme: series of regular meetings, each creating its meetings ahead of time.</summary>
public static class MeetingSeriesApi
{
    public static IEndpointRouteBuilder MapMeetingSeriesApi(this IEndpointRouteBuilder app)
    {
        var series = app.MapGroup("/api/meeting-series").WithTags("MDT programme").RequireAuthorization(CareMeshPolicies.Staff).WithIdempotency();
        series.MapPost("/", CreateSeries).WithName(nameof(CreateSeries))
            .WithSummary("Start a series of regular MDT meetings")
            .WithDescription("A series of one kind (case review, referral, business, handover) recurring weekly (every n weeks on a day) or monthly (the first..fourth or last such day), at a UK local time kept across the clock changes, for a practice or the whole PCN, with its chair, core members, quorum rule and place or video link. Its meetings are created for the next Meetings:ScheduleAheadDays (182) and kept ahead by a daily check. Accepts Idempotency-Key.")
            .WithExamples(ProgrammeExamples.Series, ProgrammeExamples.SeriesAnswer, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        series.MapGet("/", ListSeries).WithName(nameof(ListSeries))
            .WithSummary("The programme: every series the caller may see")
            .WithDescription("Series for the caller's practice and the whole PCN (the PCN's own staff see every practice's), with their next meetings.")
            .WithExamples(response: new[] { ProgrammeExamples.SeriesAnswer });
        series.MapGet("/{id:guid}", GetSeries).WithName(nameof(GetSeries))
            .WithSummary("One series, with its next meetings")
            .WithDescription("The series' rule and settings, and its next six meetings (moved and cancelled ones included, marked). ETag carries its version.")
            .WithExamples(response: ProgrammeExamples.SeriesAnswer);
        series.MapPut("/{id:guid}", ChangeSeries).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(ChangeSeries))
            .WithSummary("Change a series from now on")
            .WithDescription("Applies to the series' meetings still to come: their title, chair, members, quorum, place and deadlines follow the series; if the rule or the time changed, future meetings that nobody has touched (no agenda, not moved or cancelled) are replaced by the new rule's. Meetings already held, moved or cancelled stay as they are. Send If-Match with the version read.")
            .WithExamples(ProgrammeExamples.Series, ProgrammeExamples.SeriesAnswer)
            .ProducesValidationProblem();
        series.MapPost("/{id:guid}/end", EndSeries).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(EndSeries))
            .WithSummary("End a series")
            .WithDescription("No more meetings are created; its meetings still to come are cancelled with the reason given. Meetings already held stay. Send If-Match with the version read.")
            .WithExamples(new ReasonRequest("Replaced by the fortnightly PCN-wide case review"), ProgrammeExamples.SeriesAnswer)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Created<SeriesResponse>> CreateSeries(
        SeriesRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var series = new MeetingSeries
        {
            Id = Guid.CreateVersion7(),
            Title = "",
            Organisation = "",
            ChairUserId = "",
            ChairName = "",
            CreatedAt = context.Now,
            CreatedByUserId = context.UserId,
        };
        request.ApplyTo(series, context.Options);
        var today = UkTime.Today(context.Clock);
        // Nothing is created in the past: a series that started earlier is scheduled from today.
        series.ScheduledThrough = (series.StartsOn > today ? series.StartsOn : today).AddDays(-1);
        context.Db.Series.Add(series);
        var meetings = Schedule.Extend(series, today.AddDays(context.Options.ScheduleAheadDays), context.WorkingDays);
        context.Db.Meetings.AddRange(meetings);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(series.Version);
        return TypedResults.Created($"/api/meeting-series/{series.Id}", SeriesResponse.From(series, Upcoming(meetings, context.Now)));
    }

    public static async Task<Ok<List<SeriesResponse>>> ListSeries([AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var series = await context.Db.Series.AsNoTracking().Where(MeetingAccess.VisibleSeries(context.User, context.Options))
            .OrderBy(s => s.Title).ToListAsync(cancellationToken);
        var ids = series.Select(s => s.Id).ToList();
        var now = context.Now;
        var upcoming = await context.Db.Meetings.AsNoTracking()
            .Where(m => m.SeriesId != null && ids.Contains(m.SeriesId.Value) && m.StartsAt + m.Duration > now)
            .OrderBy(m => m.StartsAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(series.Select(s => SeriesResponse.From(s, Upcoming(upcoming.Where(m => m.SeriesId == s.Id), now))).ToList());
    }

    public static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> GetSeries(
        Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var series = await context.Db.Series.AsNoTracking().Where(MeetingAccess.VisibleSeries(context.User, context.Options))
            .SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null)
        {
            return ServiceProblems.NotFound("meeting series", id);
        }

        context.Http.Response.TagVersion(series.Version);
        return TypedResults.Ok(SeriesResponse.From(series, await UpcomingAsync(context, id, cancellationToken)));
    }

    public static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> ChangeSeries(
        Guid id, SeriesRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var series = await context.Db.Series.Where(MeetingAccess.VisibleSeries(context.User, context.Options)).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null)
        {
            return ServiceProblems.NotFound("meeting series", id);
        }

        if (!context.Http.Request.IfMatchAllows(series.Version))
        {
            return ServiceProblems.ChangedMeanwhile("meeting series");
        }

        if (series.Ended)
        {
            return ServiceProblems.Conflict("The series has ended.", "An ended series cannot be changed; start a new one.");
        }

        var rule = (series.Recurrence, series.StartTime, series.DurationMinutes, series.StartsOn, series.EndsOn);
        request.ApplyTo(series, context.Options);
        series.Version++;
        var now = context.Now;
        var today = UkTime.Today(context.Clock);
        var ahead = await context.Db.Meetings.Where(m => m.SeriesId == id && m.StartsAt > now).ToListAsync(cancellationToken);
        var future = ahead.Where(m => m.Status == MeetingStatus.Scheduled).ToList();
        if (rule != (series.Recurrence, series.StartTime, series.DurationMinutes, series.StartsOn, series.EndsOn))
        {
            var ids = future.Select(m => m.Id).ToList();
            var touched = await context.Db.AgendaItems.Where(i => ids.Contains(i.MeetingId)).Select(i => i.MeetingId).Distinct().ToListAsync(cancellationToken);
            var untouched = future.Where(m => m.OriginallyStartsAt is null && !touched.Contains(m.Id)).ToList();
            context.Db.Meetings.RemoveRange(untouched);
            future = [.. future.Except(untouched)];
            // The new rule's meetings from today, beside the ones people have already worked on, moved or cancelled.
            var kept = ahead.Except(untouched).Select(m => m.OccurrenceDate).ToHashSet();
            series.ScheduledThrough = (series.StartsOn > today ? series.StartsOn : today).AddDays(-1);
            context.Db.Meetings.AddRange(Schedule.Extend(series, today.AddDays(context.Options.ScheduleAheadDays), context.WorkingDays)
                .Where(m => !kept.Contains(m.OccurrenceDate)));
        }

        foreach (var meeting in future)
        {
            var (startsAt, duration) = (meeting.StartsAt, meeting.Duration);
            Schedule.ApplySeries(meeting, series);
            if (meeting.OriginallyStartsAt is not null)
            {
                (meeting.StartsAt, meeting.Duration) = (startsAt, duration);
            }

            Schedule.SetDeadlines(meeting, context.WorkingDays);
            meeting.Version++;
        }

        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(series.Version);
        return TypedResults.Ok(SeriesResponse.From(series, await UpcomingAsync(context, id, cancellationToken)));
    }

    public static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> EndSeries(
        Guid id, ReasonRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var series = await context.Db.Series.Where(MeetingAccess.VisibleSeries(context.User, context.Options)).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null)
        {
            return ServiceProblems.NotFound("meeting series", id);
        }

        if (!context.Http.Request.IfMatchAllows(series.Version))
        {
            return ServiceProblems.ChangedMeanwhile("meeting series");
        }

        var now = context.Now;
        series.Ended = true;
        series.EndsOn = UkTime.Today(context.Clock);
        series.Version++;
        foreach (var meeting in await context.Db.Meetings.Where(m => m.SeriesId == id && m.Status == MeetingStatus.Scheduled && m.StartsAt > now).ToListAsync(cancellationToken))
        {
            meeting.Status = MeetingStatus.Cancelled;
            meeting.StatusReason = request.Reason;
            meeting.Version++;
        }

        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(series.Version);
        return TypedResults.Ok(SeriesResponse.From(series, await UpcomingAsync(context, id, cancellationToken)));
    }

    private static async Task<List<MeetingSummary>> UpcomingAsync(MeetingsContext context, Guid seriesId, CancellationToken cancellationToken)
    {
        var now = context.Now;
        return Upcoming(await context.Db.Meetings.AsNoTracking().Where(m => m.SeriesId == seriesId && m.StartsAt + m.Duration > now)
            .OrderBy(m => m.StartsAt).Take(6).ToListAsync(cancellationToken), now);
    }

    private static List<MeetingSummary> Upcoming(IEnumerable<MdtMeeting> meetings, DateTimeOffset now) =>
        [.. meetings.Where(m => m.EndsAt > now).OrderBy(m => m.StartsAt).Take(6).Select(MeetingSummary.From)];
}

/// <summary>Keeps every running series' meetings created <see cref="MeetingsOptions.ScheduleAheadDays"/> ahead.</summary>
public sealed class SeriesHorizonCheck(Data.MeetingsDbContext db, WorkingCalendar calendar, Microsoft.Extensions.Options.IOptions<MeetingsOptions> options) : IScheduledCheck
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var through = UkTime.DateOf(now).AddDays(options.Value.ScheduleAheadDays);
        foreach (var series in await db.Series.Where(s => !s.Ended && s.ScheduledThrough < through && (s.EndsOn == null || s.ScheduledThrough < s.EndsOn)).ToListAsync(cancellationToken))
        {
            db.Meetings.AddRange(Schedule.Extend(series, through, calendar));
        }
    }
}
