using CareMesh.Meetings.Data;
using CareMesh.Meetings.Minutes;
using CareMesh.Meetings.Programme;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Agenda;

/// <summary>
/// People not reached, or still open, when a series' meeting closes go onto its next meeting's
/// agenda, linked to the item they continue (so their history comes with them). Once per item.
/// </summary>
public static class CarryForward
{
    public static async Task<(MdtMeeting? Next, int Carried)> ApplyAsync(
        MeetingsDbContext db, MdtMeeting held, IReadOnlyDictionary<Guid, ItemOutcome> outcomes, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (held.SeriesId is not { } seriesId)
        {
            return (null, 0);
        }

        var next = await db.Meetings.AsNoTracking()
            .Where(m => m.SeriesId == seriesId && m.Status == MeetingStatus.Scheduled && m.StartsAt > held.StartsAt && m.Id != held.Id)
            .OrderBy(m => m.StartsAt).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return (null, 0);
        }

        var carried = await db.AgendaItems.AsNoTracking()
            .Where(i => i.MeetingId == held.Id && i.Kind == AgendaItemKind.Person && i.Status == AgendaItemStatus.Confirmed)
            .OrderBy(i => i.Position).ToListAsync(cancellationToken);
        carried = [.. carried.Where(i => outcomes.GetValueOrDefault(i.Id, ItemOutcome.NotReached) is ItemOutcome.NotReached or ItemOutcome.StillOpen)];
        var ids = carried.Select(i => i.Id).ToList();
        var already = await db.AgendaItems.Where(i => i.CarriedFromItemId != null && ids.Contains(i.CarriedFromItemId.Value))
            .Select(i => i.CarriedFromItemId).ToListAsync(cancellationToken);
        var position = await db.AgendaItems.Where(i => i.MeetingId == next.Id).MaxAsync(i => (int?)i.Position, cancellationToken) ?? 0;
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var item in carried.Where(i => !already.Contains(i.Id)))
        {
            db.AgendaItems.Add(new AgendaItem
            {
                Id = Guid.CreateVersion7(),
                MeetingId = next.Id,
                Position = ++position,
                Kind = AgendaItemKind.Person,
                Title = item.Title,
                NhsNumber = item.NhsNumber,
                Reason = item.Reason,
                AskedBy = item.AskedBy,
                Question = item.Question,
                MinutesAllotted = item.MinutesAllotted,
                // Carried by the meeting's own close, not added late by someone: no approval needed.
                Status = AgendaItemStatus.Confirmed,
                Source = AgendaItemSource.CarriedForward,
                CarriedFromItemId = item.Id,
                AddedAt = now,
                AddedByUserId = "system:meetings:carry-forward",
            });
            db.Audit(AuditExtensions.SystemActor("meetings:carry-forward"), "agenda-item.create", "agenda-item", item.Id.ToString(), item.NhsNumber,
                AuditOutcomes.Succeeded, clock);
            added++;
        }

        return (next, added);
    }
}
