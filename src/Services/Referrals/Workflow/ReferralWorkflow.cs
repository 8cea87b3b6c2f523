using System.Linq.Expressions;
using CareMesh.Referrals.Intake;

namespace CareMesh.Referrals.Workflow;

/// <summary>
/// A referral's status, with the meaning of FHIR's Task.status and the NHS Booking and Referral
/// Standard (received, accepted, in-progress, on-hold, rejected as declined, completed, cancelled
/// as revoked, entered-in-error); triaged and allocated are the team's own steps before acceptance.
/// </summary>
public enum ReferralStatus
{
    /// <summary>Stored and waiting for triage.</summary>
    Received,
    Triaged,
    Allocated,
    Accepted,
    InProgress,
    OnHold,
    Declined,
    Completed,
    Cancelled,
    EnteredInError,
}

public enum ReferralAction
{
    Triage,
    Allocate,
    Accept,
    Start,
    Hold,
    Resume,
    Decline,
    Complete,
    Cancel,
    EnterInError,

    /// <summary>A team lead folded this referral into another for the same person (it was made in error).</summary>
    Merge,
}

/// <summary>The workflow as data: every allowed (from, action, to); anything else is a 409.</summary>
public static class ReferralWorkflow
{
    public static readonly ReferralStatus[] OpenStatuses =
        [ReferralStatus.Received, ReferralStatus.Triaged, ReferralStatus.Allocated, ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold];

    private static readonly ReferralStatus[] BeforeAcceptance = [ReferralStatus.Received, ReferralStatus.Triaged, ReferralStatus.Allocated];

    public static readonly StateMachine<ReferralStatus, ReferralAction> Machine = new(
    [
        (ReferralStatus.Received, ReferralAction.Triage, ReferralStatus.Triaged),
        (ReferralStatus.Triaged, ReferralAction.Triage, ReferralStatus.Triaged),
        (ReferralStatus.Triaged, ReferralAction.Allocate, ReferralStatus.Allocated),
        // Reallocation keeps the status: the work carries on with someone else.
        (ReferralStatus.Allocated, ReferralAction.Allocate, ReferralStatus.Allocated),
        (ReferralStatus.Accepted, ReferralAction.Allocate, ReferralStatus.Accepted),
        (ReferralStatus.InProgress, ReferralAction.Allocate, ReferralStatus.InProgress),
        (ReferralStatus.OnHold, ReferralAction.Allocate, ReferralStatus.OnHold),
        (ReferralStatus.Allocated, ReferralAction.Accept, ReferralStatus.Accepted),
        (ReferralStatus.Accepted, ReferralAction.Start, ReferralStatus.InProgress),
        (ReferralStatus.Accepted, ReferralAction.Hold, ReferralStatus.OnHold),
        (ReferralStatus.InProgress, ReferralAction.Hold, ReferralStatus.OnHold),
        (ReferralStatus.OnHold, ReferralAction.Resume, ReferralStatus.InProgress),
        (ReferralStatus.InProgress, ReferralAction.Complete, ReferralStatus.Completed),
        .. BeforeAcceptance.Select(from => (from, ReferralAction.Decline, ReferralStatus.Declined)),
        .. OpenStatuses.Select(from => (from, ReferralAction.Cancel, ReferralStatus.Cancelled)),
        .. OpenStatuses.Select(from => (from, ReferralAction.EnterInError, ReferralStatus.EnteredInError)),
        .. OpenStatuses.Select(from => (from, ReferralAction.Merge, ReferralStatus.EnteredInError)),
    ]);

    public static bool IsOpen(ReferralStatus status) => OpenStatuses.Contains(status);

    /// <summary>Open statuses as stored (the enum's names), for the partial indexes' filters and raw SQL.</summary>
    public const string OpenStatusesSql = "status IN ('Received', 'Triaged', 'Allocated', 'Accepted', 'InProgress', 'OnHold')";

    /// <summary>
    /// "Is open" for queries, with the statuses written into the SQL as literals (not an array
    /// parameter), so PostgreSQL can see that the open-referral partial indexes apply.
    /// </summary>
    public static readonly Expression<Func<Referral, bool>> Open = BuildOpen();

    private static Expression<Func<Referral, bool>> BuildOpen()
    {
        var referral = Expression.Parameter(typeof(Referral), "r");
        var status = Expression.Property(referral, nameof(Referral.Status));
        var body = OpenStatuses.Select(s => (Expression)Expression.Equal(status, Expression.Constant(s))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Referral, bool>>(body, referral);
    }
}

/// <summary>One step of a referral's workflow: who (user, name, role), when, why.</summary>
public sealed class ReferralTransition
{
    public long Id { get; init; }
    public Guid ReferralId { get; init; }
    public DateTimeOffset At { get; init; }
    public ReferralAction Action { get; init; }
    public ReferralStatus From { get; init; }
    public ReferralStatus To { get; init; }
    public required string ByUserId { get; init; }
    public required string ByName { get; init; }
    public string? ByRole { get; init; }
    public string? Reason { get; init; }
}
