using CareMesh.Meetings.Agenda;
using CareMesh.Meetings.Data;
using CareMesh.Meetings.Minutes;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.People;

/// <summary>A person's earlier discussions at MDTs: where, what became of the item, what was decided.</summary>
public sealed record HistoryEntry(
    Guid MeetingId,
    string MeetingTitle,
    DateTimeOffset MeetingStartsAt,
    Guid AgendaItemId,
    string? Question,
    ItemOutcome? Outcome,
    IReadOnlyList<Decision> Decisions,
    string? NextSteps);

public static class PersonHistory
{
    public const int Kept = 5;

    /// <summary>Each person's discussions at meetings before <paramref name="before"/>, newest first, at most <see cref="Kept"/> each.</summary>
    public static async Task<Dictionary<string, List<HistoryEntry>>> LoadAsync(
        MeetingsDbContext db, IReadOnlyCollection<string> nhsNumbers, DateTimeOffset before, CancellationToken cancellationToken)
    {
        if (nhsNumbers.Count == 0)
        {
            return [];
        }

        var rows = await (
                from item in db.AgendaItems.AsNoTracking()
                join meeting in db.Meetings on item.MeetingId equals meeting.Id
                join minute in db.Minutes on item.Id equals minute.AgendaItemId into minutes
                from minute in minutes.DefaultIfEmpty()
                where item.NhsNumber != null && nhsNumbers.Contains(item.NhsNumber) && meeting.StartsAt < before
                      && item.Status == AgendaItemStatus.Confirmed && meeting.Status == Programme.MeetingStatus.Held
                select new
                {
                    item.NhsNumber,
                    MeetingId = meeting.Id,
                    meeting.Title,
                    meeting.StartsAt,
                    ItemId = item.Id,
                    item.Question,
                    Outcome = minute == null ? (ItemOutcome?)null : minute.Outcome,
                    Decisions = minute == null ? null : minute.Decisions,
                    NextSteps = minute == null ? null : minute.NextSteps,
                })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.NhsNumber!).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.StartsAt).Take(Kept)
            .Select(r => new HistoryEntry(r.MeetingId, r.Title, r.StartsAt, r.ItemId, r.Question, r.Outcome ?? ItemOutcome.NotReached, r.Decisions ?? [], r.NextSteps))
            .ToList());
    }
}
