using CareMesh.Contracts.Meetings;
using CareMesh.Meetings.Data;
using CareMesh.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareMesh.Meetings.Actions;

/// <summary>
/// Finds actions past their due date (UK date) and not done, and chases each once per
/// <see cref="MeetingsOptions.ChaseInterval"/>: a chase row per (action, chase number), the action
/// marked, and <see cref="MdtActionOverdue"/> published in the same transaction. From the second
/// chase on it goes to the meeting's chair. Repeating a run inside the interval changes nothing.
/// </summary>
public sealed class OverdueActionsCheck(MeetingsDbContext db, IOptions<MeetingsOptions> options, TimeProvider clock) : IScheduledCheck
{
    /// <summary>At most this many actions a run; the next run takes the rest.</summary>
    public const int BatchSize = 500;

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = UkTime.DateOf(now);
        var chaseAgainBefore = now - options.Value.ChaseInterval;
        var due = await db.Actions
            .Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueOn < today
                        && (a.LastChasedAt == null || a.LastChasedAt <= chaseAgainBefore))
            .OrderBy(a => a.DueOn).Take(BatchSize).ToListAsync(cancellationToken);
        var system = AuditExtensions.SystemActor("meetings:overdue-actions");
        foreach (var action in due)
        {
            var chase = action.Chases + 1;
            var escalated = chase >= 2;
            db.ActionChases.Add(new ActionChase { ActionId = action.Id, Chase = chase, ChasedAt = now, EscalatedToChair = escalated });
            action.Chases = chase;
            action.LastChasedAt = now;
            action.EscalatedToChairAt ??= escalated ? now : null;
            action.Version++;
            db.AddIntegrationEvent(new MdtActionOverdue(action.Id, action.MeetingId, action.NhsNumber, action.OwnerUserId, action.OwnerName, action.DueOn,
                chase, escalated, now), clock);
            db.Audit(system, "action.chase", "mdt-action", action.Id.ToString(), action.NhsNumber, AuditOutcomes.Succeeded, clock);
        }
    }
}
