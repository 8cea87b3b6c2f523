using CareMesh.Referrals.Data;
using CareMesh.Referrals.Intake;
using CareMesh.Referrals.Workflow;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Allocation;

/// <summary>
/// Members' caseloads weighed by urgency and complexity: an urgent referral counts
/// <see cref="ReferralsOptions.UrgentWeight"/> routine ones, a complex one
/// <see cref="ReferralsOptions.ComplexWeight"/> times that.
/// </summary>
public static class Caseloads
{
    public static double Weight(Urgency urgency, Complexity complexity, ReferralsOptions options) =>
        (urgency == Urgency.Urgent ? options.UrgentWeight : 1) * (complexity == Complexity.Complex ? options.ComplexWeight : 1);

    /// <summary>Open referrals per allocated member, by status and weight; one grouped read over the caseload index.</summary>
    public static async Task<Dictionary<string, MemberLoad>> LoadsAsync(ReferralsDbContext db, ReferralsOptions options, IReadOnlyCollection<string>? members,
        CancellationToken cancellationToken)
    {
        var groups = await LoadGroups(db, members).ToListAsync(cancellationToken);
        return groups.GroupBy(g => g.UserId).ToDictionary(m => m.Key, m => new MemberLoad(
            m.Sum(g => g.Count),
            m.Sum(g => g.Count * Weight(g.Urgency, g.Complexity, options)),
            m.GroupBy(g => g.Status).ToDictionary(s => WireEnum.Name(s.Key), s => s.Sum(g => g.Count))));
    }

    /// <summary>Open allocated referrals counted by member, status, urgency and complexity (all members' when <paramref name="members"/> is null).</summary>
    public static IQueryable<LoadGroup> LoadGroups(ReferralsDbContext db, IReadOnlyCollection<string>? members)
    {
        var open = db.Referrals.AsNoTracking().Where(ReferralWorkflow.Open).Where(r => r.AllocatedToUserId != null);
        if (members is not null)
        {
            open = open.Where(r => members.Contains(r.AllocatedToUserId!));
        }

        return open.GroupBy(r => new { r.AllocatedToUserId, r.Status, r.Urgency, r.Complexity })
            .Select(g => new LoadGroup(g.Key.AllocatedToUserId!, g.Key.Status, g.Key.Urgency, g.Key.Complexity, g.Count()));
    }

    /// <summary>
    /// The suggestion: active members with the role who cover the person's practice, least loaded
    /// for their capacity first; members who do not cover it come after, so a lead still sees them.
    /// </summary>
    public static List<AllocationSuggestion> Suggest(Referral referral, TeamRole role, IEnumerable<TeamMember> members, IReadOnlyDictionary<string, MemberLoad> loads,
        ReferralsOptions options)
    {
        var weight = Weight(referral.Urgency, referral.Complexity, options);
        var roleName = WireEnum.Name(role);
        return [.. members.Where(m => m.Active && m.Role == roleName)
            .Select(m =>
            {
                var load = loads.TryGetValue(m.UserId, out var l) ? l.Weighted : 0;
                var capacity = m.Capacity > 0 ? m.Capacity : options.DefaultCapacity;
                var covers = m.Covers(referral.PracticeOds);
                var why = $"{m.Name} carries {load:0.#} of {capacity:0.#} ({100 * load / capacity:0}% of capacity); this referral adds {weight:0.#}"
                          + (covers
                              ? m.AlignedPractices.Count == 0 ? "; covers every practice." : $"; aligned to {referral.PracticeOds}."
                              : $"; not aligned to {referral.PracticeOds}.");
                return new AllocationSuggestion(m.UserId, m.Name, role, load, capacity, load + weight, covers, why);
            })
            .OrderByDescending(s => s.CoversPractice).ThenBy(s => s.Load / s.Capacity).ThenBy(s => s.Load).ThenBy(s => s.UserId)];
    }
}

public sealed record LoadGroup(string UserId, ReferralStatus Status, Urgency Urgency, Complexity Complexity, int Count);

/// <param name="Open">Open referrals allocated to the member.</param>
/// <param name="Weighted">The same, weighted by urgency and complexity.</param>
public sealed record MemberLoad(int Open, double Weighted, IReadOnlyDictionary<string, int> ByStatus);
