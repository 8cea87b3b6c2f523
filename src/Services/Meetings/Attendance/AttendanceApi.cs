using System.ComponentModel.DataAnnotations;
using CareMesh.Meetings.Programme;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Attendance;

/// <summary>Who came, who sent apologies, and whether the meeting was quorate.</summary>
public static class AttendanceApi
{
    public static void MapAttendanceApi(this RouteGroupBuilder meetings)
    {
        meetings.MapGet("/{id:guid}/attendance", GetAttendance).WithName(nameof(GetAttendance))
            .WithSummary("A meeting's attendance and quorum")
            .WithDescription("Everyone recorded (present, apologies, absent) with role and organisation, the core members not yet recorded, and whether the quorum rule is met: every required role present and enough people in all. ETag carries the meeting's version.")
            .WithExamples(response: AttendanceExamples.Attendance);
        meetings.MapPut("/{id:guid}/attendance", RecordAttendance).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(RecordAttendance))
            .WithSummary("Record the attendance")
            .WithDescription("The whole list, replacing what was recorded (so it can be kept live during the meeting). Send If-Match with the meeting's version; the answer carries the new one.")
            .WithExamples(AttendanceExamples.Request, AttendanceExamples.Attendance)
            .ProducesValidationProblem();
    }

    public static async Task<Results<Ok<AttendanceResponse>, ProblemHttpResult>> GetAttendance(
        Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        var attendees = await context.Db.Attendees.AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        context.Http.Response.TagVersion(meeting.Version);
        return TypedResults.Ok(AttendanceResponse.From(meeting, attendees));
    }

    public static async Task<Results<Ok<AttendanceResponse>, ProblemHttpResult>> RecordAttendance(
        Guid id, AttendanceRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
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

        if (meeting.Status != MeetingStatus.Scheduled)
        {
            return ServiceProblems.Conflict($"The meeting is {WireEnum.Name(meeting.Status)}.", "Attendance is recorded until the meeting is closed.");
        }

        // Removed and added in one save, so the list is replaced whole or not at all.
        context.Db.Attendees.RemoveRange(await context.Db.Attendees.Where(a => a.MeetingId == id).ToListAsync(cancellationToken));
        var attendees = request.Attendees!.Select(a => new Attendee
        {
            Id = Guid.CreateVersion7(),
            MeetingId = id,
            UserId = a.UserId,
            Name = a.Name!,
            Role = WireEnum.Parse<MdtRole>(a.Role!),
            Organisation = a.Organisation!,
            Status = WireEnum.Parse<AttendanceStatus>(a.Status!),
        }).ToList();
        context.Db.Attendees.AddRange(attendees);
        meeting.QuorumMet = Assess(meeting, attendees).Met;
        meeting.Version++;
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(meeting.Version);
        return TypedResults.Ok(AttendanceResponse.From(meeting, attendees));
    }

    public static QuorumState Assess(MdtMeeting meeting, IEnumerable<Attendee> attendees) =>
        meeting.Quorum.Assess(attendees.Select(a => (a.Role, a.Status == AttendanceStatus.Present)));
}

public sealed record AttendeeRequest(
    [property: Text(200)] [Display(Name = "user id")] string? UserId,
    [property: Required, Text(Attendee.MaxNameLength)] [Display(Name = "name")] string? Name,
    [property: Required, OneOf<MdtRole>] [Display(Name = "role")] string? Role,
    [property: Required, Text(200)] [Display(Name = "organisation")] string? Organisation,
    [property: Required, OneOf<AttendanceStatus>] [Display(Name = "attendance")] string? Status);

/// <summary>The body of <c>PUT /api/meetings/{id}/attendance</c>.</summary>
public sealed record AttendanceRequest([property: Required, Items(100)] [Display(Name = "attendees")] IReadOnlyList<AttendeeRequest>? Attendees);

public sealed record AttendeeResponse(Guid Id, string? UserId, string Name, MdtRole Role, string Organisation, AttendanceStatus Status);

public sealed record AttendanceResponse(
    Guid MeetingId,
    IReadOnlyList<AttendeeResponse> Attendees,
    IReadOnlyList<CoreMember> CoreMembersNotRecorded,
    QuorumRule Quorum,
    QuorumState QuorumState,
    int Version)
{
    public static AttendanceResponse From(MdtMeeting meeting, IReadOnlyList<Attendee> attendees) => new(
        meeting.Id,
        [.. attendees.Select(a => new AttendeeResponse(a.Id, a.UserId, a.Name, a.Role, a.Organisation, a.Status))],
        [.. meeting.CoreMembers.Where(m => !attendees.Any(a => m.UserId is not null ? a.UserId == m.UserId : a.Role == m.Role && a.Organisation == m.Organisation))],
        meeting.Quorum,
        AttendanceApi.Assess(meeting, attendees),
        meeting.Version);
}

internal static class AttendanceExamples
{
    public static readonly AttendanceRequest Request = new(
    [
        new AttendeeRequest("dr.patel", "Dr Asha Patel", "gp", "Y00001", "present"),
        new AttendeeRequest("sam.jones", "Sam Jones", "care-coordinator", "U12345", "present"),
        new AttendeeRequest(null, "Priya Shah", "social-worker", "Leeds City Council", "apologies"),
    ]);

    public static readonly AttendanceResponse Attendance = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000002"),
    [
        new AttendeeResponse(Guid.Parse("0193a1b2-7c00-7000-8000-000000000020"), "dr.patel", "Dr Asha Patel", MdtRole.Gp, "Y00001", AttendanceStatus.Present),
        new AttendeeResponse(Guid.Parse("0193a1b2-7c00-7000-8000-000000000021"), "sam.jones", "Sam Jones", MdtRole.CareCoordinator, "U12345", AttendanceStatus.Present),
    ],
    [], new QuorumRule([MdtRole.Gp, MdtRole.CareCoordinator], 3), new QuorumState(false, 2, []), 4);
}
