using CareMesh.CarePlans.Plans;

namespace CareMesh.CarePlans.Goals;

public enum GoalStatus
{
    Proposed,
    Active,
    OnHold,
    Achieved,
    PartlyAchieved,
    NotAchieved,
    Cancelled,
}

public enum GoalStep
{
    Start,
    Hold,
    Resume,
    Achieve,
    PartlyAchieve,
    NotAchieve,
    Cancel,
}

/// <summary>The goal lifecycle as a table; the three outcomes and cancelled are final.</summary>
public static class GoalWorkflow
{
    public static readonly StateMachine<GoalStatus, GoalStep> Machine = new(
    [
        (GoalStatus.Proposed, GoalStep.Start, GoalStatus.Active),
        (GoalStatus.Proposed, GoalStep.Cancel, GoalStatus.Cancelled),
        (GoalStatus.Active, GoalStep.Hold, GoalStatus.OnHold),
        (GoalStatus.Active, GoalStep.Achieve, GoalStatus.Achieved),
        (GoalStatus.Active, GoalStep.PartlyAchieve, GoalStatus.PartlyAchieved),
        (GoalStatus.Active, GoalStep.NotAchieve, GoalStatus.NotAchieved),
        (GoalStatus.Active, GoalStep.Cancel, GoalStatus.Cancelled),
        (GoalStatus.OnHold, GoalStep.Resume, GoalStatus.Active),
        (GoalStatus.OnHold, GoalStep.NotAchieve, GoalStatus.NotAchieved),
        (GoalStatus.OnHold, GoalStep.Cancel, GoalStatus.Cancelled),
    ]);
}

/// <summary>A goal in the person's own words, with a target date; its progress notes are in the plan's history.</summary>
public sealed class Goal
{
    public const int MaxTextLength = 2000;

    public Guid Id { get; init; }
    public Guid PlanId { get; init; }
    public required string Text { get; set; }
    public DateOnly? TargetDate { get; set; }
    public GoalStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record GoalResponse(
    Guid Id,
    string Text,
    DateOnly? TargetDate,
    GoalStatus Status,
    IReadOnlyList<string> AllowedSteps,
    IReadOnlyList<HistoryResponse> Progress)
{
    public static GoalResponse From(Goal goal, IEnumerable<PlanHistoryEntry> history) => new(
        goal.Id, goal.Text, goal.TargetDate, goal.Status, [.. GoalWorkflow.Machine.ActionsFrom(goal.Status).Select(s => WireEnum.Name(s))],
        [.. history.Where(h => h.SubjectId == goal.Id).OrderBy(h => h.At).Select(HistoryResponse.From)]);
}
