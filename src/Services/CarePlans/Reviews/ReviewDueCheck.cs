using CareMesh.CarePlans.Data;
using CareMesh.CarePlans.Plans;
using CareMesh.Contracts.CarePlans;
using CareMesh.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Reviews;

/// <summary>
/// Daily: finds agreed plans whose review date has arrived (UK date) and publishes
/// <see cref="CarePlanReviewDue"/> once per due date, marking the plan with the date it announced in
/// the same transaction. A run repeated the same day, or on a later day before the review, changes
/// nothing; a review sets a new date, which is announced when it arrives.
/// </summary>
public sealed class ReviewDueCheck(CarePlansDbContext db, TimeProvider clock) : IScheduledCheck
{
    /// <summary>At most this many plans a run; the next run takes the rest.</summary>
    public const int BatchSize = 500;

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = UkTime.DateOf(now);
        var due = await db.Plans
            .Where(p => p.Status == PlanStatus.Agreed && p.ReviewDue <= today && (p.ReviewDueAnnouncedFor == null || p.ReviewDueAnnouncedFor != p.ReviewDue))
            .OrderBy(p => p.ReviewDue).Take(BatchSize).ToListAsync(cancellationToken);
        var system = AuditExtensions.SystemActor("careplans:review-due");
        foreach (var plan in due)
        {
            plan.ReviewDueAnnouncedFor = plan.ReviewDue;
            db.AddIntegrationEvent(new CarePlanReviewDue(plan.Id, plan.ReferralId, plan.NhsNumber, plan.ReviewDue!.Value, plan.CareCoordinatorUserId, now, plan.PracticeOds), clock);
            db.Audit(system, "care-plan.review-due", "care-plan", plan.Id.ToString(), plan.NhsNumber, AuditOutcomes.Succeeded, clock);
        }
    }
}
