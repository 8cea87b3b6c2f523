using System.Linq.Expressions;
using System.Security.Claims;
using CareMesh.Meetings.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareMesh.Meetings.Programme;

/// <summary>What every Meetings endpoint works with. Services, not input: the request validation leaves it alone.</summary>
[Microsoft.Extensions.Validation.SkipValidation]
public sealed record MeetingsContext(
    MeetingsDbContext Db,
    TimeProvider Clock,
    ClaimsPrincipal User,
    HttpContext Http,
    IOptions<MeetingsOptions> Settings,
    WorkingCalendar WorkingDays)
{
    public DateTimeOffset Now => Clock.GetUtcNow();
    public MeetingsOptions Options => Settings.Value;
    public string UserId => User.UserId() ?? "unknown";
    public string UserName => User.FindFirst("name")?.Value ?? UserId;

    /// <summary>Records an access to a person's data, saved with the change (or the read) it describes.</summary>
    public void Audit(string action, string recordType, Guid? recordId, string? nhsNumber, string outcome = AuditOutcomes.Succeeded) =>
        Db.Audit(User, action, recordType, recordId?.ToString(), nhsNumber, outcome, Clock);

    /// <summary>Records a read of each record a list returns, in one statement (see <see cref="AuditExtensions.AuditEachAsync"/>).</summary>
    public Task AuditEachAsync(string action, string recordType, IEnumerable<(Guid Id, string? NhsNumber)> records, CancellationToken cancellationToken) =>
        Db.AuditEachAsync(User, action, recordType, [.. records.Select(r => ((string?)r.Id.ToString(), r.NhsNumber))], Clock, cancellationToken);

    /// <summary>The meeting, if it exists and the caller may see it (another practice's is "not found").</summary>
    public async Task<MdtMeeting?> FindMeetingAsync(Guid id, CancellationToken cancellationToken, bool tracking = true)
    {
        var meetings = tracking ? Db.Meetings : Db.Meetings.AsNoTracking();
        return await meetings.Where(MeetingAccess.Visible(User, Options)).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    public bool IsChairOf(MdtMeeting meeting) => meeting.ChairUserId == UserId;
}

/// <summary>
/// Who sees which meetings: every member of staff sees the whole PCN's; a practice's meetings are
/// seen by that practice's staff and by the PCN's own (<see cref="MeetingsOptions.PcnOdsCode"/>).
/// </summary>
public static class MeetingAccess
{
    public static Expression<Func<MdtMeeting, bool>> Visible(ClaimsPrincipal user, MeetingsOptions options)
    {
        var organisation = user.Organisation() ?? "";
        if (options.PcnOdsCode is { } pcn && string.Equals(organisation, pcn, StringComparison.OrdinalIgnoreCase))
        {
            return _ => true;
        }

        return meeting => meeting.Scope == MeetingScope.Pcn || meeting.Organisation == organisation;
    }

    public static Expression<Func<MeetingSeries, bool>> VisibleSeries(ClaimsPrincipal user, MeetingsOptions options)
    {
        var organisation = user.Organisation() ?? "";
        if (options.PcnOdsCode is { } pcn && string.Equals(organisation, pcn, StringComparison.OrdinalIgnoreCase))
        {
            return _ => true;
        }

        return series => series.Scope == MeetingScope.Pcn || series.Organisation == organisation;
    }
}
