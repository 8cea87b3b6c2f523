using CareMesh.CarePlans.Data;
using CareMesh.CarePlans.Patients;
using CareMesh.Contracts.CarePlans;
using CareMesh.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareMesh.CarePlans.Plans;

/// <summary>How a plan is opened and changed, once for every endpoint and consumer that does it.</summary>
public static class PlanChanges
{
    /// <summary>Opens a draft (version 1) for <paramref name="patient"/> and announces it, in the caller's transaction.</summary>
    public static CarePlan Open(CarePlansDbContext db, Patient patient, Guid? referralId, PlanSections sections, string byUserId, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var plan = new CarePlan
        {
            Id = Guid.CreateVersion7(now),
            NhsNumber = patient.NhsNumber,
            PracticeOds = patient.PracticeOds,
            ReferralId = referralId,
            Status = PlanStatus.Draft,
            Sections = PlanSections.Empty,
            CreatedAt = now,
            CreatedByUserId = byUserId,
            UpdatedAt = now,
            Patient = patient,
        };
        plan.Write(sections);
        db.Plans.Add(plan);
        db.AddIntegrationEvent(new CarePlanDrafted(plan.Id, referralId, plan.NhsNumber, plan.VersionNumber, plan.CareCoordinatorUserId, now), clock);
        return plan;
    }

    /// <summary>
    /// The plan a change is for, or the refusal: 404 when the caller may not see it, 412 when If-Match
    /// names another revision, 409 when it is closed. A change to an agreed plan starts its next draft
    /// version (the agreed one stays as it was) and announces it; nothing is saved until <see cref="SaveAsync"/>.
    /// </summary>
    /// <param name="revises">False for progress on the plan (a goal's note, an action's status): carrying out an agreed plan does not change what was agreed.</param>
    public static async Task<(CarePlan? Plan, ProblemHttpResult? Refusal)> BeginAsync(Guid id, CarePlansContext context, CancellationToken cancellationToken,
        bool revises = true)
    {
        var plan = await context.FindPlanAsync(id, cancellationToken);
        if (plan is null)
        {
            return (null, ServiceProblems.NotFound("care plan", id));
        }

        if (!context.Http.Request.IfMatchAllows(plan.Revision))
        {
            return (null, ServiceProblems.ChangedMeanwhile("care plan"));
        }

        if (!plan.IsOpen)
        {
            return (null, ServiceProblems.Conflict("The care plan is closed.", "A closed plan is kept as it was; open a new plan for a new episode.",
                new Dictionary<string, object?> { ["currentStatus"] = WireEnum.Name(plan.Status) }));
        }

        if (revises && plan.Status == PlanStatus.Agreed)
        {
            plan.Status = PlanWorkflow.Machine.Next(plan.Status, PlanStep.Revise)!.Value;
            plan.VersionNumber++;
            context.Db.AddIntegrationEvent(new CarePlanDrafted(plan.Id, plan.ReferralId, plan.NhsNumber, plan.VersionNumber, plan.CareCoordinatorUserId, context.Now),
                context.Clock);
        }

        return (plan, null);
    }

    /// <summary>Saves a change with its audit row, moves the revision on and tags the answer with it.</summary>
    public static async Task<CarePlanResponse> SaveAsync(CarePlan plan, CarePlansContext context, string action, CancellationToken cancellationToken)
    {
        plan.Revision++;
        plan.UpdatedAt = context.Now;
        context.Audit(action, "care-plan", plan.Id, plan.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(plan.Revision);
        return CarePlanResponse.From(plan);
    }
}
