using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.CarePlans.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareMesh.CarePlans.Goals;

/// <summary>A plan's goals: written in the person's words, moved through their lifecycle with progress notes.</summary>
public static class GoalsApi
{
    public static void MapGoalsApi(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{id:guid}/goals", AddGoal).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(AddGoal))
            .WithSummary("Add a goal to the plan")
            .WithDescription("In the person's own words, with a target date; it starts proposed (or active). Adding to an agreed plan starts its next draft version. Answers the whole plan. Send If-Match.")
            .WithExamples(GoalExamples.New, PlanExamples.Plan, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        plans.MapPut("/{id:guid}/goals/{goalId:guid}", ChangeGoal).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(ChangeGoal))
            .WithSummary("Reword a goal or move its target date")
            .WithDescription("A change to what was agreed: an agreed plan starts its next draft version. Send If-Match.")
            .WithExamples(new GoalRequest("Walk to the allotment twice a week", new DateOnly(2026, 6, 30), null), PlanExamples.Plan)
            .ProducesValidationProblem();
        plans.MapPost("/{id:guid}/goals/{goalId:guid}/progress", RecordGoalProgress).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(RecordGoalProgress))
            .WithSummary("Record progress on a goal")
            .WithDescription("A note, a step (start, hold, resume, achieve, partly-achieve, not-achieve, cancel) or both; steps follow the goal's lifecycle (409 names what is allowed now). Progress carries out the plan and starts no new version. Send If-Match.")
            .WithExamples(new ProgressRequest("achieve", "Went to the allotment with her neighbour on Saturday"), PlanExamples.Plan)
            .ProducesValidationProblem();
    }

    public static async Task<Results<Created<CarePlanResponse>, ProblemHttpResult>> AddGoal(
        Guid id, GoalRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var (plan, refusal) = await PlanChanges.BeginAsync(id, context, cancellationToken);
        if (plan is null)
        {
            return refusal!;
        }

        var goal = new Goal
        {
            Id = Guid.CreateVersion7(context.Now),
            PlanId = plan.Id,
            Text = request.Text!,
            TargetDate = request.TargetDate,
            Status = request.Status is null ? GoalStatus.Proposed : WireEnum.Parse<GoalStatus>(request.Status),
            CreatedAt = context.Now,
        };
        // Tracked beside the plan, so it joins plan.Goals (and the answer) as it is added.
        context.Db.Goals.Add(goal);
        var answer = await PlanChanges.SaveAsync(plan, context, "care-plan.update", cancellationToken);
        return TypedResults.Created($"/api/care-plans/{plan.Id}/goals/{goal.Id}", answer);
    }

    public static async Task<Results<Ok<CarePlanResponse>, ProblemHttpResult>> ChangeGoal(
        Guid id, Guid goalId, GoalRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var (plan, refusal) = await PlanChanges.BeginAsync(id, context, cancellationToken);
        if (plan is null)
        {
            return refusal!;
        }

        if (plan.Goals.SingleOrDefault(g => g.Id == goalId) is not { } goal)
        {
            return ServiceProblems.NotFound("goal", goalId);
        }

        goal.Text = request.Text!;
        goal.TargetDate = request.TargetDate;
        return TypedResults.Ok(await PlanChanges.SaveAsync(plan, context, "care-plan.update", cancellationToken));
    }

    public static async Task<Results<Ok<CarePlanResponse>, ValidationProblem, ProblemHttpResult>> RecordGoalProgress(
        Guid id, Guid goalId, ProgressRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var (plan, refusal) = await PlanChanges.BeginAsync(id, context, cancellationToken, revises: false);
        if (plan is null)
        {
            return refusal!;
        }

        if (plan.Goals.SingleOrDefault(g => g.Id == goalId) is not { } goal)
        {
            return ServiceProblems.NotFound("goal", goalId);
        }

        var from = goal.Status;
        if (request.Step is not null)
        {
            if (!WireEnum.TryParse<GoalStep>(request.Step, out var step))
            {
                return ServiceProblems.Invalid("progress", "step", $"A goal's step is one of: {string.Join(", ", WireEnum.Names<GoalStep>())}.");
            }

            if (GoalWorkflow.Machine.Next(goal.Status, step) is not { } next)
            {
                return GoalWorkflow.Machine.Refusal("goal", goal.Status, step);
            }

            goal.Status = next;
        }

        context.Record(plan, HistorySubject.Goal, goal.Id, request.Step is null ? null : WireEnum.Name(from),
            request.Step is null ? null : WireEnum.Name(goal.Status), request.Note);
        return TypedResults.Ok(await PlanChanges.SaveAsync(plan, context, "care-plan.progress", cancellationToken));
    }
}

public sealed record GoalRequest(
    [property: Required, Text(Goal.MaxTextLength), Description("The goal in the person's own words.")] [Display(Name = "goal")] string? Text,
    [Display(Name = "target date")] DateOnly? TargetDate,
    [property: OneOf<GoalStatus>, Description("For a new goal: proposed (default) or active.")] [Display(Name = "status")] string? Status) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Status is not null && Status != WireEnum.Name(GoalStatus.Proposed) && Status != WireEnum.Name(GoalStatus.Active))
        {
            yield return new ValidationResult("A new goal starts proposed or active; record progress to move it on.", [nameof(Status)]);
        }
    }
}

/// <summary>Progress on a goal or an action: a note, a step, or both.</summary>
public sealed record ProgressRequest(
    [property: Text(40), Description("The step to take, as the goal's or action's allowedSteps name it.")] [Display(Name = "step")] string? Step,
    [property: Text(Goal.MaxTextLength)] [Display(Name = "note")] string? Note) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Step is null && Note is null)
        {
            yield return new ValidationResult("Give a step, a note or both.", [nameof(Note)]);
        }
    }
}

internal static class GoalExamples
{
    public static readonly GoalRequest New = new("Get back to the allotment with my neighbour", new DateOnly(2026, 6, 30), "active");

    public static readonly GoalResponse Goal = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000200"), "Get back to the allotment with my neighbour",
        new DateOnly(2026, 6, 30), GoalStatus.Active, ["hold", "achieve", "partly-achieve", "not-achieve", "cancel"],
        [new HistoryResponse(new DateTimeOffset(2026, 3, 16, 11, 0, 0, TimeSpan.Zero), "user-care-coordinator", "Sam Jones", null, null, "Walked to the end of the road")]);
}
