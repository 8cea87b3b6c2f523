using CareMesh.CarePlans.Actions;
using CareMesh.CarePlans.Goals;
using CareMesh.CarePlans.Patients;
using CareMesh.CarePlans.Versions;

namespace CareMesh.CarePlans.Plans;

public enum PlanStatus
{
    Draft,
    Agreed,
    Closed,
}

public enum PlanStep
{
    /// <summary>Agreed with the person: the draft becomes an agreed version.</summary>
    Agree,

    /// <summary>A change after agreement: a new draft version starts from the agreed one.</summary>
    Revise,

    /// <summary>A review of the agreed plan: what changed, the measures taken, the next date.</summary>
    Review,

    Close,
}

/// <summary>The plan's lifecycle as a table; anything else is refused naming what is allowed.</summary>
public static class PlanWorkflow
{
    public static readonly StateMachine<PlanStatus, PlanStep> Machine = new(
    [
        (PlanStatus.Draft, PlanStep.Agree, PlanStatus.Agreed),
        (PlanStatus.Draft, PlanStep.Close, PlanStatus.Closed),
        (PlanStatus.Agreed, PlanStep.Revise, PlanStatus.Draft),
        (PlanStatus.Agreed, PlanStep.Review, PlanStatus.Agreed),
        (PlanStatus.Agreed, PlanStep.Close, PlanStatus.Closed),
    ]);
}

/// <summary>
/// A person's personalised care and support plan. <see cref="VersionNumber"/> counts the plan's
/// versions (each agreed one is kept whole, see Versions); <see cref="Revision"/> counts every change
/// and is the ETag a client sends back in If-Match.
/// </summary>
public sealed class CarePlan
{
    public Guid Id { get; init; }
    public required string NhsNumber { get; init; }
    public required string PracticeOds { get; set; }

    /// <summary>The accepted referral the plan was opened for; unique, so a referral opens one plan however often it is announced.</summary>
    public Guid? ReferralId { get; init; }

    public PlanStatus Status { get; set; }
    public int VersionNumber { get; set; } = 1;
    public int Revision { get; set; } = 1;
    public required PlanSections Sections { get; set; }

    /// <summary>The care coordinator's user id, kept beside the sections for access and their caseload's overdue reviews.</summary>
    public string? CareCoordinatorUserId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedByUserId { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The next review, set on agreement and by each review.</summary>
    public DateOnly? ReviewDue { get; set; }

    /// <summary>The review date CarePlanReviewDue was published for: once per due review, however often the check runs.</summary>
    public DateOnly? ReviewDueAnnouncedFor { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedReason { get; set; }

    public Patient Patient { get; init; } = null!;
    public List<Goal> Goals { get; init; } = [];
    public List<PlanAction> Actions { get; init; } = [];
    public List<PlanHistoryEntry> History { get; init; } = [];
    public List<PlanVersion> Versions { get; init; } = [];

    public bool IsOpen => Status != PlanStatus.Closed;

    /// <summary>Sets the sections (completed) and the coordinator the plan's access follows.</summary>
    public void Write(PlanSections sections)
    {
        Sections = sections.Complete();
        CareCoordinatorUserId = Sections.CareCoordinator?.UserId;
    }
}
