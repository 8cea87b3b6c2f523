using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.CarePlans.Goals;
using CareMesh.CarePlans.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareMesh.CarePlans.Actions;

/// <summary>A plan's actions: owned by a person, a team role, a directory service or the person themself; due dates and status.</summary>
public static class ActionsApi
{
    public static void MapPlanActionsApi(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{id:guid}/actions", AddAction).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(AddAction))
            .WithSummary("Add an action to the plan")
            .WithDescription("What is to be done, by whom (a named person, a team role, a directory service or the person themself), by when, towards which goal; onwardReferral=true when it asks for an onward referral (its status then follows Referrals' events). Adding to an agreed plan starts its next draft version. Send If-Match.")
            .WithExamples(ActionExamples.New, PlanExamples.Plan, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        plans.MapPut("/{id:guid}/actions/{actionId:guid}", ChangeAction).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(ChangeAction))
            .WithSummary("Change an action's description, owner, goal or due date")
            .WithDescription("A change to what was agreed: an agreed plan starts its next draft version. A new directory service clears a withdrawn service's flag. Send If-Match.")
            .WithExamples(ActionExamples.New, PlanExamples.Plan)
            .ProducesValidationProblem();
        plans.MapPost("/{id:guid}/actions/{actionId:guid}/progress", RecordActionProgress).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(RecordActionProgress))
            .WithSummary("Update an action")
            .WithDescription("A note, a step (start, complete, cancel, pause) or both; steps follow the action's workflow (409 names what is allowed now). Progress starts no new version. Send If-Match.")
            .WithExamples(new ProgressRequest("start", "Called the walking group; first walk on Tuesday"), PlanExamples.Plan)
            .ProducesValidationProblem();
    }

    public static async Task<Results<Created<CarePlanResponse>, ValidationProblem, ProblemHttpResult>> AddAction(
        Guid id, ActionRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var (plan, refusal) = await PlanChanges.BeginAsync(id, context, cancellationToken);
        if (plan is null)
        {
            return refusal!;
        }

        if (request.GoalId is { } goalId && plan.Goals.All(g => g.Id != goalId))
        {
            return ServiceProblems.Invalid("action", "goalId", "The plan has no such goal.");
        }

        var action = new PlanAction
        {
            Id = Guid.CreateVersion7(context.Now),
            PlanId = plan.Id,
            Description = request.Description!,
            Status = ActionStatus.Open,
            CreatedAt = context.Now,
            OnwardReferral = request.OnwardReferral == true ? OnwardReferralStatus.Requested : null,
        };
        request.ApplyTo(action);
        context.Db.Actions.Add(action);
        var answer = await PlanChanges.SaveAsync(plan, context, "care-plan.update", cancellationToken);
        return TypedResults.Created($"/api/care-plans/{plan.Id}/actions/{action.Id}", answer);
    }

    public static async Task<Results<Ok<CarePlanResponse>, ValidationProblem, ProblemHttpResult>> ChangeAction(
        Guid id, Guid actionId, ActionRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var (plan, refusal) = await PlanChanges.BeginAsync(id, context, cancellationToken);
        if (plan is null)
        {
            return refusal!;
        }

        if (plan.Actions.SingleOrDefault(a => a.Id == actionId) is not { } action)
        {
            return ServiceProblems.NotFound("action", actionId);
        }

        if (request.GoalId is { } goalId && plan.Goals.All(g => g.Id != goalId))
        {
            return ServiceProblems.Invalid("action", "goalId", "The plan has no such goal.");
        }

        var service = action.ServiceId;
        request.ApplyTo(action);
        action.Description = request.Description!;
        action.OnwardReferral ??= request.OnwardReferral == true ? OnwardReferralStatus.Requested : null;
        if (action.ServiceId != service)
        {
            (action.ServiceWithdrawnAt, action.ServiceWithdrawnReason) = (null, null);
        }

        return TypedResults.Ok(await PlanChanges.SaveAsync(plan, context, "care-plan.update", cancellationToken));
    }

    public static async Task<Results<Ok<CarePlanResponse>, ValidationProblem, ProblemHttpResult>> RecordActionProgress(
        Guid id, Guid actionId, ProgressRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var (plan, refusal) = await PlanChanges.BeginAsync(id, context, cancellationToken, revises: false);
        if (plan is null)
        {
            return refusal!;
        }

        if (plan.Actions.SingleOrDefault(a => a.Id == actionId) is not { } action)
        {
            return ServiceProblems.NotFound("action", actionId);
        }

        var from = action.Status;
        if (request.Step is not null)
        {
            if (!WireEnum.TryParse<ActionStep>(request.Step, out var step))
            {
                return ServiceProblems.Invalid("progress", "step", $"An action's step is one of: {string.Join(", ", WireEnum.Names<ActionStep>())}.");
            }

            if (ActionWorkflow.Machine.Next(action.Status, step) is not { } next)
            {
                return ActionWorkflow.Machine.Refusal("action", action.Status, step);
            }

            action.Status = next;
        }

        context.Record(plan, HistorySubject.Action, action.Id, request.Step is null ? null : WireEnum.Name(from),
            request.Step is null ? null : WireEnum.Name(action.Status), request.Note);
        return TypedResults.Ok(await PlanChanges.SaveAsync(plan, context, "care-plan.progress", cancellationToken));
    }
}

public sealed record OwnerRequest(
    [property: Required, OneOf<OwnerKind>, Description("named-person, team-role, directory-service or the-person.")] [Display(Name = "owner kind")] string? Kind,
    [property: Text(200)] [Display(Name = "owner's user id")] string? UserId,
    [property: Text(200)] [Display(Name = "owner's name")] string? Name,
    [property: Text(100), Description("For team-role: the role (link-worker, health-coach, ...).")] [Display(Name = "owner's role")] string? Role,
    [property: Description("For directory-service: the service's id in the directory.")] [Display(Name = "service id")] Guid? ServiceId,
    [property: Text(300)] [Display(Name = "service name")] string? ServiceName) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!WireEnum.TryParse<OwnerKind>(Kind, out var kind))
        {
            yield break;
        }

        if (kind == OwnerKind.NamedPerson && Name is null)
        {
            yield return new ValidationResult("A named person needs their name.", [nameof(Name)]);
        }

        if (kind == OwnerKind.TeamRole && Role is null)
        {
            yield return new ValidationResult("A team role needs the role.", [nameof(Role)]);
        }

        if (kind == OwnerKind.DirectoryService && (ServiceId is null || ServiceName is null))
        {
            yield return new ValidationResult("A directory service needs its id and name.", [ServiceId is null ? nameof(ServiceId) : nameof(ServiceName)]);
        }
    }
}

public sealed record ActionRequest(
    [property: Required, Text(PlanAction.MaxTextLength)] [Display(Name = "description")] string? Description,
    [property: Required] [Display(Name = "owner")] OwnerRequest? Owner,
    [Display(Name = "due date")] DateOnly? DueOn,
    [property: Description("The goal the action works towards.")] [Display(Name = "goal")] Guid? GoalId,
    [property: Description("True when the action asks for an onward referral; its status then follows OnwardReferralAccepted, Declined and Completed.")] [Display(Name = "onward referral")] bool? OnwardReferral)
{
    /// <summary>Sets what the request says of the action: its owner (only the kind's fields), due date and goal.</summary>
    public void ApplyTo(PlanAction action)
    {
        var kind = WireEnum.Parse<OwnerKind>(Owner!.Kind!);
        action.OwnerKind = kind;
        action.OwnerUserId = kind == OwnerKind.NamedPerson ? Owner.UserId : null;
        action.OwnerName = kind is OwnerKind.NamedPerson or OwnerKind.TeamRole ? Owner.Name : null;
        action.OwnerRole = kind == OwnerKind.TeamRole ? Owner.Role : null;
        action.ServiceId = kind == OwnerKind.DirectoryService ? Owner.ServiceId : null;
        action.ServiceName = kind == OwnerKind.DirectoryService ? Owner.ServiceName : null;
        action.DueOn = DueOn;
        action.GoalId = GoalId;
    }
}

internal static class ActionExamples
{
    public static readonly ActionRequest New = new("Refer to the Chapel Allerton walking group",
        new OwnerRequest("directory-service", null, null, null, Guid.Parse("0193a1b2-7c00-7000-8000-000000000300"), "Chapel Allerton walking group"),
        new DateOnly(2026, 3, 31), Guid.Parse("0193a1b2-7c00-7000-8000-000000000200"), true);

    public static readonly ActionResponse Action = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000400"), Guid.Parse("0193a1b2-7c00-7000-8000-000000000200"),
        "Refer to the Chapel Allerton walking group",
        new ActionOwner(OwnerKind.DirectoryService, null, null, null, Guid.Parse("0193a1b2-7c00-7000-8000-000000000300"), "Chapel Allerton walking group"),
        new DateOnly(2026, 3, 31), ActionStatus.InProgress, new OnwardReferralResponse(OnwardReferralStatus.Accepted, Guid.Parse("0193a1b2-7c00-7000-8000-000000000500"), null),
        false, null, null, ["complete", "cancel", "pause"], []);
}
