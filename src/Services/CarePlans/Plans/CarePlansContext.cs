using System.Linq.Expressions;
using System.Security.Claims;
using CareMesh.CarePlans.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareMesh.CarePlans.Plans;

/// <summary>What every CarePlans endpoint works with. Services, not input: the request validation leaves it alone.</summary>
[Microsoft.Extensions.Validation.SkipValidation]
public sealed record CarePlansContext(
    CarePlansDbContext Db,
    TimeProvider Clock,
    ClaimsPrincipal User,
    HttpContext Http,
    IOptions<CarePlansOptions> Settings,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> Json,
    Coding.ActivityCodes Codes)
{
    /// <summary>The wire's JSON options: what is kept as JSON (an agreed version) reads exactly as the API writes.</summary>
    public System.Text.Json.JsonSerializerOptions JsonOptions => Json.Value.SerializerOptions;

    public DateTimeOffset Now => Clock.GetUtcNow();
    public DateOnly Today => UkTime.Today(Clock);
    public CarePlansOptions Options => Settings.Value;
    public string UserId => User.UserId() ?? "unknown";
    public string UserName => User.FindFirst("name")?.Value ?? UserId;

    /// <summary>Records an access to a person's plan, saved with the change (or the read) it describes.</summary>
    public void Audit(string action, string recordType, Guid? recordId, string? nhsNumber, string outcome = AuditOutcomes.Succeeded) =>
        Db.Audit(User, action, recordType, recordId?.ToString(), nhsNumber, outcome, Clock);

    /// <summary>Records a read of each record a list returns, in one statement (see <see cref="AuditExtensions.AuditEachAsync"/>).</summary>
    public Task AuditEachAsync(string action, string recordType, IEnumerable<(Guid Id, string? NhsNumber)> records, CancellationToken cancellationToken) =>
        Db.AuditEachAsync(User, action, recordType, [.. records.Select(r => ((string?)r.Id.ToString(), r.NhsNumber))], Clock, cancellationToken);

    /// <summary>Adds an entry to the plan's history, by the caller.</summary>
    public PlanHistoryEntry Record(CarePlan plan, HistorySubject subject, Guid? subjectId, string? from, string? to, string? note)
    {
        var entry = new PlanHistoryEntry
        {
            Id = Guid.CreateVersion7(Now), PlanId = plan.Id, Subject = subject, SubjectId = subjectId, At = Now,
            ByUserId = UserId, ByName = UserName, FromStatus = from, ToStatus = to, Note = note,
        };
        Db.History.Add(entry);
        return entry;
    }

    /// <summary>The plan, if it exists and the caller may see it (another practice's is "not found"), with its goals, actions and history.</summary>
    public async Task<CarePlan?> FindPlanAsync(Guid id, CancellationToken cancellationToken, bool tracking = true)
    {
        var plans = tracking ? Db.Plans : Db.Plans.AsNoTracking();
        return await plans.Include(p => p.Patient).Include(p => p.Goals).Include(p => p.Actions).Include(p => p.History).AsSplitQuery()
            .Where(PlanAccess.Visible(User, Options)).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }
}

/// <summary>
/// Who sees which plans: staff of the person's practice, the PCN's own staff (<see cref="CarePlansOptions.PcnOdsCode"/>),
/// and the plan's care coordinator wherever they work. VCS partners never reach CarePlans (the staff policy).
/// </summary>
public static class PlanAccess
{
    public static Expression<Func<CarePlan, bool>> Visible(ClaimsPrincipal user, CarePlansOptions options)
    {
        var organisation = user.Organisation() ?? "";
        var userId = user.UserId() ?? "";
        if (options.PcnOdsCode is { } pcn && string.Equals(organisation, pcn, StringComparison.OrdinalIgnoreCase))
        {
            return _ => true;
        }

        return plan => plan.PracticeOds == organisation || plan.CareCoordinatorUserId == userId;
    }

    /// <summary>Whether the caller may open plans for <paramref name="practiceOds"/>'s patients: their own practice, or any as the PCN's staff.</summary>
    public static bool MayWorkFor(ClaimsPrincipal user, string practiceOds, CarePlansOptions options)
    {
        var organisation = user.Organisation() ?? "";
        return string.Equals(organisation, practiceOds, StringComparison.OrdinalIgnoreCase) ||
               (options.PcnOdsCode is { } pcn && string.Equals(organisation, pcn, StringComparison.OrdinalIgnoreCase));
    }
}
