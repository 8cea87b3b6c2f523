using CareMesh.Meetings.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Programme;

/// <summary>MDT meetings: the ones coming up, a one-off, and one meeting moved, cancelled or reinstated without touching its series.</summary>
public static class MeetingsApi
{
    /// <summary>The longest a meeting may last (the requests' limit).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(480);

    public static RouteGroupBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/meetings").WithTags("MDT meetings").RequireAuthorization(CareMeshPolicies.Staff).WithIdempotency();
        meetings.MapGet("/", GetUpcomingMeetings).WithName(nameof(GetUpcomingMeetings))
            .WithSummary("MDT meetings coming up")
            .WithDescription("Meetings the caller may see that have not yet finished, soonest first (or those starting in [from, to) when given, UTC). Cancelled ones are listed, marked. No patient data.")
            .WithExamples(response: new[] { ProgrammeExamples.Summary });
        meetings.MapGet("/mine", GetMyMeetings).WithName(nameof(GetMyMeetings))
            .WithSummary("The caller's meetings")
            .WithDescription("Meetings the caller chairs or is a core member of, from today on: the same meetings their calendar feed carries.")
            .WithExamples(response: new[] { ProgrammeExamples.Summary });
        meetings.MapPost("/", CreateMeeting).WithName(nameof(CreateMeeting))
            .WithSummary("Arrange a one-off MDT meeting")
            .WithDescription("A meeting outside any series, at a UK date and local time. Accepts Idempotency-Key.")
            .WithExamples(ProgrammeExamples.NewMeeting, ProgrammeExamples.Meeting, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        meetings.MapGet("/{id:guid}", GetMeeting).WithName(nameof(GetMeeting))
            .WithSummary("One meeting")
            .WithDescription("When and where, chair, members, quorum rule, the agenda's cut-off, the papers' deadline and whether they are late, and what can be done next. ETag carries its version.")
            .WithExamples(response: ProgrammeExamples.Meeting);
        meetings.MapPost("/{id:guid}/move", MoveMeeting).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(MoveMeeting))
            .WithSummary("Move one meeting")
            .WithDescription("To another UK date and time (and optionally place, link or length); its series is not changed and it keeps its slot, so the series does not create another. Deadlines move with it. Send If-Match.")
            .WithExamples(ProgrammeExamples.Move, ProgrammeExamples.Meeting)
            .ProducesValidationProblem();
        meetings.MapPost("/{id:guid}/cancel", CancelMeeting).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(CancelMeeting))
            .WithSummary("Cancel one meeting")
            .WithDescription("The series goes on. The meeting stays in calendars as cancelled. Send If-Match.")
            .WithExamples(new ReasonRequest("Clashes with the PCN training afternoon"), ProgrammeExamples.Meeting)
            .ProducesValidationProblem();
        meetings.MapPost("/{id:guid}/reinstate", ReinstateMeeting).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(ReinstateMeeting))
            .WithSummary("Reinstate a cancelled meeting")
            .WithDescription("Send If-Match.")
            .WithExamples(new ReasonRequest("Training moved to the following week"), ProgrammeExamples.Meeting)
            .ProducesValidationProblem();
        return meetings;
    }

    public static async Task<Results<Ok<List<MeetingSummary>>, ValidationProblem>> GetUpcomingMeetings(
        DateTimeOffset? from, DateTimeOffset? to, Guid? seriesId, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        if (from is not null && to is not null && to <= from)
        {
            return ServiceProblems.Invalid("query", "to", "The end of the period must be after its start.");
        }

        var now = context.Now;
        var query = context.Db.Meetings.AsNoTracking().Where(MeetingAccess.Visible(context.User, context.Options));
        // Started at most the longest meeting ago (so the start index narrows it), and not yet over.
        var earliest = now - MaxDuration;
        query = from is null && to is null ? query.Where(m => m.StartsAt > earliest && m.StartsAt + m.Duration > now) : query;
        if (from is { } start)
        {
            query = query.Where(m => m.StartsAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(m => m.StartsAt < end);
        }

        if (seriesId is { } series)
        {
            query = query.Where(m => m.SeriesId == series);
        }

        var meetings = await query.OrderBy(m => m.StartsAt).Take(500)
            .Select(m => new MeetingSummary(m.Id, m.Title, m.StartsAt, m.Duration, m.Location, m.Kind, m.Status, m.SeriesId, m.VideoLink, m.ChairName, m.OriginallyStartsAt != null))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(meetings);
    }

    public static async Task<Ok<List<MeetingSummary>>> GetMyMeetings([AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var from = Schedule.Instant(UkTime.Today(context.Clock), TimeOnly.MinValue);
        var meetings = await MembersMeetings(context.Db, context.UserId, from, from.AddDays(context.Options.FeedDaysAhead))
            .OrderBy(m => m.StartsAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(meetings.Select(MeetingSummary.From).ToList());
    }

    /// <summary>Meetings a user chairs or is a core member of: their calendar.</summary>
    public static IQueryable<MdtMeeting> MembersMeetings(MeetingsDbContext db, string userId, DateTimeOffset from, DateTimeOffset to) =>
        db.Meetings.AsNoTracking().Where(m => m.MemberUserIds.Contains(userId) && m.StartsAt >= from && m.StartsAt < to);

    public static async Task<Created<MeetingResponse>> CreateMeeting(
        NewMeetingRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = new MdtMeeting
        {
            Id = Guid.CreateVersion7(),
            Title = request.Title!,
            StartsAt = Schedule.Instant(request.Date!.Value, ClockTimeAttribute.Parse(request.StartTime!)),
            Duration = TimeSpan.FromMinutes(request.DurationMinutes!.Value),
            Kind = WireEnum.Parse<MeetingKind>(request.Kind!),
            Scope = WireEnum.Parse<MeetingScope>(request.Scope!),
            Organisation = request.Organisation!.ToUpperInvariant(),
            Location = request.Location,
            VideoLink = request.VideoLink,
            Quorum = request.Quorum?.ToRule() ?? QuorumRule.None,
            AgendaCutOffWorkingDays = request.AgendaCutOffWorkingDays ?? context.Options.AgendaCutOffWorkingDays,
            PapersDeadlineHours = request.PapersDeadlineHours ?? context.Options.PapersDeadlineHours,
            Status = MeetingStatus.Scheduled,
        };
        meeting.SetMembers(request.Chair!.UserId!, request.Chair.Name!, (request.CoreMembers ?? []).Select(m => m.ToMember()));
        Schedule.SetDeadlines(meeting, context.WorkingDays);
        context.Db.Meetings.Add(meeting);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(meeting.Version);
        return TypedResults.Created($"/api/meetings/{meeting.Id}", MeetingResponse.From(meeting, context.Now));
    }

    public static async Task<Results<Ok<MeetingResponse>, ProblemHttpResult>> GetMeeting(
        Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        context.Http.Response.TagVersion(meeting.Version);
        return TypedResults.Ok(MeetingResponse.From(meeting, context.Now));
    }

    public static Task<Results<Ok<MeetingResponse>, ProblemHttpResult>> MoveMeeting(
        Guid id, MoveMeetingRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken) =>
        ChangeAsync(id, MeetingAction.Change, context, cancellationToken, meeting =>
        {
            meeting.OriginallyStartsAt ??= meeting.StartsAt;
            meeting.StartsAt = Schedule.Instant(request.Date!.Value, ClockTimeAttribute.Parse(request.StartTime!));
            meeting.Duration = request.DurationMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : meeting.Duration;
            meeting.Location = request.Location ?? meeting.Location;
            meeting.VideoLink = request.VideoLink ?? meeting.VideoLink;
            meeting.StatusReason = request.Reason;
            Schedule.SetDeadlines(meeting, context.WorkingDays);
        });

    public static Task<Results<Ok<MeetingResponse>, ProblemHttpResult>> CancelMeeting(
        Guid id, ReasonRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken) =>
        ChangeAsync(id, MeetingAction.Cancel, context, cancellationToken, meeting => meeting.StatusReason = request.Reason);

    public static Task<Results<Ok<MeetingResponse>, ProblemHttpResult>> ReinstateMeeting(
        Guid id, ReasonRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken) =>
        ChangeAsync(id, MeetingAction.Reinstate, context, cancellationToken, meeting => meeting.StatusReason = request.Reason);

    private static async Task<Results<Ok<MeetingResponse>, ProblemHttpResult>> ChangeAsync(
        Guid id, MeetingAction action, MeetingsContext context, CancellationToken cancellationToken, Action<MdtMeeting> change)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        if (!context.Http.Request.IfMatchAllows(meeting.Version))
        {
            return ServiceProblems.ChangedMeanwhile("meeting");
        }

        if (MeetingWorkflow.Machine.Next(meeting.Status, action) is not { } next)
        {
            return MeetingWorkflow.Machine.Refusal("meeting", meeting.Status, action);
        }

        change(meeting);
        meeting.Status = next;
        meeting.Version++;
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(meeting.Version);
        return TypedResults.Ok(MeetingResponse.From(meeting, context.Now));
    }
}
