using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.CarePlans.Actions;
using CareMesh.CarePlans.Coding;
using CareMesh.CarePlans.Goals;
using CareMesh.CarePlans.Patients;
using CareMesh.Contracts;
using CareMesh.Contracts.CarePlans;
using CareMesh.Contracts.Referrals;
using CareMesh.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Plans;

/// <summary>Personalised care and support plans: opened as drafts, read, written section by section, closed.</summary>
public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/care-plans").WithTags("Care plans").RequireAuthorization(CareMeshPolicies.Staff).WithIdempotency();
        plans.MapPost("/", OpenPlan).Refuses(StatusCodes.Status409Conflict).WithName(nameof(OpenPlan))
            .WithSummary("Open a care plan by hand")
            .WithDescription("A draft plan (version 1) for the person, with the sections given (any left out are empty). The person's details are recorded or refreshed. One open plan per person: a second is a 409 naming the open one. Publishes CarePlanDrafted. Accepts Idempotency-Key.")
            .WithExamples(PlanExamples.Open, PlanExamples.Plan, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        plans.MapGet("/{id:guid}", GetPlan).WithName(nameof(GetPlan))
            .WithSummary("A care plan")
            .WithDescription("The plan as it stands (the current draft or agreed version): its sections, goals and actions, review date and what can be done next. ETag carries its revision. Audited as a read.")
            .WithExamples(response: PlanExamples.Plan);
        plans.MapPut("/{id:guid}/sections", WriteSections).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(WriteSections))
            .WithSummary("Write the plan's sections")
            .WithDescription("Replaces the PRSB sections (about me, needs, carers, benefits and employment, personal health budget, safeguarding and risk, consent and sharing, named clinical contact, care coordinator). A change to an agreed plan starts its next draft version. Send If-Match with the plan's ETag.")
            .WithExamples(PlanExamples.Sections, PlanExamples.Plan)
            .ProducesValidationProblem();
        plans.MapPost("/{id:guid}/close", ClosePlan).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(ClosePlan))
            .WithSummary("Close a care plan")
            .WithDescription("With the reason (the episode ended, the person declined, moved away, died). Agreed versions stay readable. Publishes CarePlanClosed. Send If-Match.")
            .WithExamples(new CloseRequest("episode-ended", "Goals achieved; discharged from the service"), PlanExamples.Plan)
            .ProducesValidationProblem();
        return plans;
    }

    public static async Task<Results<Created<CarePlanResponse>, ValidationProblem, ProblemHttpResult>> OpenPlan(
        OpenPlanRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var nhsNumber = NhsNumber.Normalise(request.NhsNumber!);
        if (!PlanAccess.MayWorkFor(context.User, request.PracticeOds!, context.Options))
        {
            return ServiceProblems.Invalid("plan", "practiceOds", "You may open plans only for your own practice's patients.");
        }

        if (await context.Db.Plans.AnyAsync(p => p.NhsNumber == nhsNumber && p.Status != PlanStatus.Closed, cancellationToken))
        {
            var open = await context.Db.Plans.Where(p => p.NhsNumber == nhsNumber && p.Status != PlanStatus.Closed).Select(p => p.Id).FirstAsync(cancellationToken);
            return ServiceProblems.Conflict("The person already has an open care plan.", "Work on that plan, or close it first.",
                new Dictionary<string, object?> { ["carePlanId"] = open });
        }

        var patient = await context.Db.RecordAsync(new ReferredPatient(nhsNumber, request.GivenName!, request.FamilyName!, request.DateOfBirth!.Value,
            request.PracticeOds!.ToUpperInvariant()), cancellationToken);
        var plan = PlanChanges.Open(context.Db, patient, null, request.Sections ?? PlanSections.Empty, context.UserId, context.Clock);
        context.Audit("care-plan.create", "care-plan", plan.Id, plan.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(plan.Revision);
        return TypedResults.Created($"/api/care-plans/{plan.Id}", CarePlanResponse.From(plan));
    }

    public static async Task<Results<Ok<CarePlanResponse>, ProblemHttpResult>> GetPlan(
        Guid id, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var plan = await context.FindPlanAsync(id, cancellationToken, tracking: false);
        if (plan is null)
        {
            return ServiceProblems.NotFound("care plan", id);
        }

        context.Audit("care-plan.read", "care-plan", plan.Id, plan.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(plan.Revision);
        return TypedResults.Ok(CarePlanResponse.From(plan));
    }

    public static async Task<Results<Ok<CarePlanResponse>, ProblemHttpResult>> WriteSections(
        Guid id, PlanSections request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var (plan, refusal) = await PlanChanges.BeginAsync(id, context, cancellationToken);
        if (plan is null)
        {
            return refusal!;
        }

        plan.Write(request);
        return TypedResults.Ok(await PlanChanges.SaveAsync(plan, context, "care-plan.update", cancellationToken));
    }

    public static async Task<Results<Ok<CarePlanResponse>, ProblemHttpResult>> ClosePlan(
        Guid id, CloseRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var plan = await context.FindPlanAsync(id, cancellationToken);
        if (plan is null)
        {
            return ServiceProblems.NotFound("care plan", id);
        }

        if (!context.Http.Request.IfMatchAllows(plan.Revision))
        {
            return ServiceProblems.ChangedMeanwhile("care plan");
        }

        if (PlanWorkflow.Machine.Next(plan.Status, PlanStep.Close) is not { } closed)
        {
            return PlanWorkflow.Machine.Refusal("care plan", plan.Status, PlanStep.Close);
        }

        plan.Status = closed;
        plan.ClosedAt = context.Now;
        plan.ClosedReason = request.Note is null ? request.Reason : $"{request.Reason}: {request.Note}";
        IReadOnlyList<SnomedConcept> codes = request.Reason == WireEnum.Name(CloseReason.PersonDeclined) ? [context.Codes.For(CodedActivity.PlanDeclined)] : [];
        context.Db.AddIntegrationEvent(new CarePlanClosed(plan.Id, plan.ReferralId, plan.NhsNumber, request.Reason!, context.Now, codes), context.Clock);
        return TypedResults.Ok(await PlanChanges.SaveAsync(plan, context, "care-plan.close", cancellationToken));
    }
}

public enum CloseReason
{
    EpisodeEnded,
    PersonDeclined,
    MovedAway,
    Died,
    EnteredInError,
}

public sealed record OpenPlanRequest(
    [property: Required, NhsNumber, Description("The person's NHS number: 10 digits.")] [Display(Name = "NHS number")] string? NhsNumber,
    [property: Required, Text(100)] [Display(Name = "given name")] string? GivenName,
    [property: Required, Text(100)] [Display(Name = "family name")] string? FamilyName,
    [property: Required, NotInFuture] [Display(Name = "date of birth")] DateOnly? DateOfBirth,
    [property: Required, OdsCode, Description("The person's GP practice.")] [Display(Name = "practice ODS code")] string? PracticeOds,
    [Display(Name = "sections")] PlanSections? Sections);

public sealed record CloseRequest(
    [property: Required, OneOf<CloseReason>] [Display(Name = "reason")] string? Reason,
    [property: Text(1000)] [Display(Name = "note")] string? Note);

public sealed record PersonResponse(string NhsNumber, string GivenName, string FamilyName, DateOnly DateOfBirth, string PracticeOds)
{
    public static PersonResponse From(Patient patient) => new(patient.NhsNumber, patient.GivenName, patient.FamilyName, patient.DateOfBirth, patient.PracticeOds);
}

public sealed record CarePlanResponse(
    Guid Id,
    Guid? ReferralId,
    PersonResponse Person,
    PlanStatus Status,
    int Version,
    PlanSections Sections,
    IReadOnlyList<GoalResponse> Goals,
    IReadOnlyList<ActionResponse> Actions,
    IReadOnlyList<string> AllowedSteps,
    DateOnly? ReviewDue,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    string? ClosedReason,
    int Revision)
{
    public static CarePlanResponse From(CarePlan plan) => new(
        plan.Id, plan.ReferralId, PersonResponse.From(plan.Patient), plan.Status, plan.VersionNumber, plan.Sections,
        [.. plan.Goals.OrderBy(g => g.CreatedAt).ThenBy(g => g.Id).Select(g => GoalResponse.From(g, plan.History))],
        [.. plan.Actions.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(a => ActionResponse.From(a, plan.History))],
        [.. PlanWorkflow.Machine.ActionsFrom(plan.Status).Select(s => WireEnum.Name(s))],
        plan.ReviewDue, plan.CreatedAt, plan.UpdatedAt, plan.ClosedAt, plan.ClosedReason, plan.Revision);
}

internal static class PlanExamples
{
    public static readonly PlanSections Sections = new(
        new AboutMe("To get back to the allotment with my neighbour", "Independent, good with people, loves gardening", "Hard of hearing: face me and speak clearly"),
        [new DomainNeed("social-isolation", "Has not left the house since her fall in January"), new DomainNeed("mobility", "Uses a frame indoors")],
        new Carers(true, "Grace Hopper", "daughter", "offered"),
        new BenefitsAndEmployment("Attendance Allowance claim started", null),
        new PersonalHealthBudget("offered", null, null),
        new SafeguardingAndRisk("Lives alone; falls risk", ["lives-alone", "frailty"]),
        new ConsentAndSharing(true, "codes-only", "Her daughter Grace"),
        new Contact("user-clinician", "Dr Asha Patel", "GP", "Y00001", "0113 496 0000"),
        new Contact("user-care-coordinator", "Sam Jones", "care coordinator", "Y00001", "0113 496 0001"));

    public static readonly OpenPlanRequest Open = new("943 476 5919", "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001", Sections);

    public static readonly CarePlanResponse Plan = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000100"), Guid.Parse("0193a1b2-7c00-7000-8000-000000000001"),
        new PersonResponse("9434765919", "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001"), PlanStatus.Draft, 1, Sections.Complete(),
        [GoalExamples.Goal], [ActionExamples.Action],
        ["agree", "close"], null, new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 10, 5, 0, TimeSpan.Zero), null, null, 2);
}
