using CareMesh.Meetings.Actions;
using CareMesh.Meetings.Agenda;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Programme;

/// <summary>What waits for a chair: late papers, late additions to approve, actions chased twice.</summary>
public static class ChairApi
{
    public static void MapChairApi(this RouteGroupBuilder meetings) =>
        meetings.MapGet("/chair", GetChairsDesk).WithName(nameof(GetChairsDesk))
            .WithSummary("What waits for the chair")
            .WithDescription("For meetings the caller chairs: those whose papers were not circulated by the deadline (flagged by the late-papers check), agenda additions after the cut-off waiting for approval, and overdue actions escalated after their second chase. Each person named is audited as read.")
            .WithExamples(response: new ChairsDesk([new LatePapers(ProgrammeExamples.Summary, ProgrammeExamples.Meeting.PapersDueAt, new DateTimeOffset(2026, 3, 30, 8, 31, 0, TimeSpan.Zero))],
                [new AwaitingApproval(ProgrammeExamples.Summary.Id, AgendaExamples.PersonItem with { Status = AgendaItemStatus.AwaitingApproval, AddedAfterCutOff = true })],
                [ActionExamples.Action with { Overdue = true, Chases = 2, EscalatedToChair = true }]));

    public static async Task<Ok<ChairsDesk>> GetChairsDesk([AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var userId = context.UserId;
        var now = context.Now;
        var chaired = context.Db.Meetings.AsNoTracking().Where(m => m.ChairUserId == userId);
        var late = await chaired.Where(m => m.PapersLateFlaggedAt != null && m.Status == MeetingStatus.Scheduled && m.StartsAt + m.Duration > now)
            .OrderBy(m => m.StartsAt).ToListAsync(cancellationToken);
        var upcoming = chaired.Where(m => m.Status == MeetingStatus.Scheduled).Select(m => m.Id);
        var waiting = await context.Db.AgendaItems.AsNoTracking().Where(i => i.Status == AgendaItemStatus.AwaitingApproval && upcoming.Contains(i.MeetingId))
            .OrderBy(i => i.AddedAt).ToListAsync(cancellationToken);
        var all = chaired.Select(m => m.Id);
        var escalated = await context.Db.Actions.AsNoTracking()
            .Where(a => a.EscalatedToChairAt != null && (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && all.Contains(a.MeetingId))
            .OrderBy(a => a.DueOn).ToListAsync(cancellationToken);
        await context.AuditEachAsync("agenda-item.read", "agenda-item", waiting.Where(i => i.NhsNumber is not null).Select(i => (i.Id, i.NhsNumber)), cancellationToken);
        await context.AuditEachAsync("action.read", "mdt-action", escalated.Where(a => a.NhsNumber is not null).Select(a => (a.Id, a.NhsNumber)), cancellationToken);
        var today = UkTime.Today(context.Clock);
        return TypedResults.Ok(new ChairsDesk(
            [.. late.Select(m => new LatePapers(MeetingSummary.From(m), m.PapersDueAt, m.PapersLateFlaggedAt!.Value))],
            [.. waiting.Select(i => new AwaitingApproval(i.MeetingId, AgendaItemResponse.From(i, null, [])))],
            [.. escalated.Select(a => ActionResponse.From(a, today, withUpdates: false))]));
    }
}

public sealed record LatePapers(MeetingSummary Meeting, DateTimeOffset PapersDueAt, DateTimeOffset FlaggedAt);

public sealed record AwaitingApproval(Guid MeetingId, AgendaItemResponse Item);

public sealed record ChairsDesk(IReadOnlyList<LatePapers> LatePapers, IReadOnlyList<AwaitingApproval> AwaitingApproval, IReadOnlyList<ActionResponse> EscalatedActions);
