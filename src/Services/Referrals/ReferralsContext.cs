using System.Linq.Expressions;
using System.Security.Claims;
using CareMesh.Referrals.Data;
using CareMesh.Referrals.Intake;
using CareMesh.Referrals.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareMesh.Referrals;

/// <summary>What every Referrals endpoint works with. Services, not input: the request validation leaves it alone.</summary>
[Microsoft.Extensions.Validation.SkipValidation]
public sealed record ReferralsContext(
    ReferralsDbContext Db,
    TimeProvider Clock,
    ClaimsPrincipal User,
    HttpContext Http,
    IOptions<ReferralsOptions> Settings,
    WorkingCalendar WorkingTime)
{
    public DateTimeOffset Now => Clock.GetUtcNow();
    public ReferralsOptions Options => Settings.Value;
    public string UserId => User.UserId() ?? "unknown";
    public string UserName => User.FindFirst("name")?.Value ?? UserId;
    public string? Role => User.Role();
    public bool IsTeamLead => Role is CareMeshRoles.TeamLead or CareMeshRoles.Admin;

    /// <summary>Records an access to a person's data, saved with the change (or the read) it describes.</summary>
    public void Audit(string action, string recordType, Guid? recordId, string? nhsNumber, string outcome = AuditOutcomes.Succeeded) =>
        Db.Audit(User, action, recordType, recordId?.ToString(), nhsNumber, outcome, Clock);

    /// <summary>Records a read of each record a list returns, in one statement (see <see cref="AuditExtensions.AuditEachAsync"/>).</summary>
    public Task AuditEachAsync(string action, string recordType, IEnumerable<(Guid Id, string? NhsNumber)> records, CancellationToken cancellationToken) =>
        Db.AuditEachAsync(User, action, recordType, [.. records.Select(r => ((string?)r.Id.ToString(), r.NhsNumber))], Clock, cancellationToken);

    /// <summary>Referrals the caller may see (see <see cref="ReferralAccess"/>).</summary>
    public IQueryable<Referral> Visible(bool tracking = false) =>
        (tracking ? Db.Referrals : Db.Referrals.AsNoTracking()).Where(ReferralAccess.Visible(User, Db));

    /// <summary>The referral when the caller may see it; otherwise null, and the miss is audited (another's record is "not found").</summary>
    public async Task<Referral?> FindAsync(Guid id, CancellationToken cancellationToken, bool tracking = true)
    {
        var referral = await Visible(tracking).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null)
        {
            Audit("referral.read", "referral", id, null, AuditOutcomes.NotFound);
            await Db.SaveChangesAsync(cancellationToken);
        }

        return referral;
    }

    /// <summary>
    /// Moves <paramref name="referral"/> by <paramref name="action"/> when the workflow allows it,
    /// recording who, in what role, when and why; otherwise the 409 that says what is allowed.
    /// </summary>
    public ProblemHttpResult? Move(Referral referral, ReferralAction action, string? reason)
    {
        if (ReferralWorkflow.Machine.Next(referral.Status, action) is not { } next)
        {
            return ReferralWorkflow.Machine.Refusal("referral", referral.Status, action);
        }

        Db.Transitions.Add(new ReferralTransition
        {
            ReferralId = referral.Id,
            At = Now,
            Action = action,
            From = referral.Status,
            To = next,
            ByUserId = UserId,
            ByName = UserName,
            ByRole = Role,
            Reason = reason,
        });
        referral.Status = next;
        referral.Version++;
        if (!ReferralWorkflow.IsOpen(next))
        {
            referral.ClosedAt = Now;
        }

        return null;
    }

    /// <summary>412 when the caller's If-Match names another version of the referral.</summary>
    public ProblemHttpResult? Stale(Referral referral) =>
        Http.Request.IfMatchAllows(referral.Version) ? null : ServiceProblems.ChangedMeanwhile("referral");
}

/// <summary>
/// Who sees which referrals. One CareMesh instance serves one PCN, so its care team sees all of the
/// PCN's referrals; a clinician sees those naming them as clinical contact and those with an
/// escalation addressed to them. VCS partners and operations never reach these endpoints (policy).
/// </summary>
public static class ReferralAccess
{
    public static Expression<Func<Referral, bool>> Visible(ClaimsPrincipal user, ReferralsDbContext db)
    {
        if (user.Role() != CareMeshRoles.Clinician)
        {
            return _ => true;
        }

        var userId = user.UserId() ?? "";
        return referral => referral.NamedClinicianUserId == userId || db.Escalations.Any(e => e.ReferralId == referral.Id && e.ClinicianUserId == userId);
    }
}
