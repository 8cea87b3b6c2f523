using System.ComponentModel;
using CareMesh.Referrals.Allocation;
using CareMesh.Referrals.Data;
using CareMesh.Referrals.Escalations;
using CareMesh.Referrals.Intake;
using CareMesh.Referrals.Onward;
using CareMesh.Referrals.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Caseload;

/// <summary>A member's caseload, and for team leads the whole team's balance against capacity.</summary>
public static class CaseloadApi
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapCaseloadApi(this IEndpointRouteBuilder app)
    {
        var caseload = app.MapGroup("/api/caseload").WithTags("Caseload").RequireAuthorization(CareMeshPolicies.Staff);
        caseload.MapGet("/", GetCaseload).WithName(nameof(GetCaseload))
            .WithSummary("A caseload: mine, or (team leads) any member's")
            .WithDescription("Open referrals allocated to the member with age, status, urgency, risk flags, last and next contact due, pending onward referrals and open escalations; filters status=, urgency=, decisionNeeded=true; sort= oldest (default), newest, urgency, next-contact; page= and pageSize= (at most 200); counts per status. Each person on the page is audited as read.")
            .WithExamples(response: CaseloadExamples.Caseload);
        caseload.MapGet("/team", GetTeamBalance).WithName(nameof(GetTeamBalance))
            .RequireAuthorization(CareMeshPolicies.TeamLeads)
            .WithSummary("The team's caseloads against capacity (team leads)")
            .WithDescription("Per member: open referrals, weighted load (urgent and complex count more), capacity, the share used, counts per status and aligned practices; and how many referrals wait unallocated. No patient data.")
            .WithExamples(response: CaseloadExamples.Team);
        caseload.MapGet("/unallocated", GetAllocationQueue).WithName(nameof(GetAllocationQueue))
            .RequireAuthorization(CareMeshPolicies.TeamLeads)
            .WithSummary("The allocation queue: open referrals nobody holds yet (team leads)")
            .WithDescription("Received and triaged referrals not yet allocated, urgent first then oldest by default; the caseload's filters, sort and paging (member= does not apply). Each person on the page is audited as read.")
            .WithExamples(response: CaseloadExamples.Queue);
        caseload.MapGet("/contacts-overdue", GetOverdueContacts).WithName(nameof(GetOverdueContacts))
            .RequireAuthorization(CareMeshPolicies.TeamLeads)
            .WithSummary("Referrals whose next contact is overdue, across the team (team leads)")
            .WithDescription("Open allocated referrals whose next contact due date (UK) has passed, most overdue first by default, each with who holds it; member= narrows to one member; the caseload's filters, sort and paging. Each person on the page is audited as read.")
            .WithExamples(response: CaseloadExamples.Caseload);
        return app;
    }

    [Microsoft.Extensions.Validation.SkipValidation]
    public sealed record CaseloadQuery(
        [property: Description("The member whose caseload to show (team leads only); yourself by default.")] string? Member,
        string? Status,
        string? Urgency,
        bool? DecisionNeeded,
        [property: Description("oldest, newest, urgency or next-contact.")] string? Sort,
        int? Page,
        int? PageSize);

    public static async Task<Results<Ok<CaseloadResponse>, ValidationProblem, ProblemHttpResult>> GetCaseload(
        [AsParameters] CaseloadQuery query, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var member = query.Member ?? context.UserId;
        if (member != context.UserId && !context.IsTeamLead)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only team leads see another member's caseload.",
                detail: "Leave out member= to see your own.");
        }

        return await ListAsync(member, Mine(context.Db, member), query, context, cancellationToken);
    }

    public static async Task<Results<Ok<CaseloadResponse>, ValidationProblem, ProblemHttpResult>> GetAllocationQueue(
        [AsParameters] CaseloadQuery query, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        if (query.Member is not null)
        {
            return ServiceProblems.Invalid("query", new Dictionary<string, string[]> { ["member"] = ["The allocation queue holds referrals nobody holds: leave out member=."] });
        }

        return await ListAsync(Unallocated, Open(context.Db).Where(r => r.AllocatedToUserId == null), query with { Sort = query.Sort ?? "urgency" }, context, cancellationToken);
    }

    public static async Task<Results<Ok<CaseloadResponse>, ValidationProblem, ProblemHttpResult>> GetOverdueContacts(
        [AsParameters] CaseloadQuery query, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var today = UkTime.Today(context.Clock);
        var overdue = (query.Member is { } member ? Mine(context.Db, member) : Open(context.Db).Where(r => r.AllocatedToUserId != null))
            .Where(r => r.NextContactDue < today);
        return await ListAsync(query.Member ?? Team, overdue, query with { Sort = query.Sort ?? "next-contact" }, context, cancellationToken);
    }

    /// <summary>The <c>member</c> of the allocation queue's and the whole team's listings, which are nobody's own caseload.</summary>
    public const string Unallocated = "unallocated", Team = "team";

    /// <summary>One page of <paramref name="source"/> as a caseload: the filters, sort and paging every listing of open referrals shares.</summary>
    private static async Task<Results<Ok<CaseloadResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string member, IQueryable<Referral> source, CaseloadQuery query, ReferralsContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ReferralStatus? status = null;
        if (query.Status is not null)
        {
            if (WireEnum.TryParse<ReferralStatus>(query.Status, out var s) && ReferralWorkflow.IsOpen(s))
            {
                status = s;
            }
            else
            {
                errors["status"] = [$"The status must be an open one: {string.Join(", ", ReferralWorkflow.OpenStatuses.Select(x => WireEnum.Name(x)))}."];
            }
        }

        Urgency? urgency = null;
        if (query.Urgency is not null)
        {
            if (WireEnum.TryParse<Urgency>(query.Urgency, out var u))
            {
                urgency = u;
            }
            else
            {
                errors["urgency"] = [$"The urgency must be one of: {string.Join(", ", WireEnum.Names<Urgency>())}."];
            }
        }

        if (query.Sort is not (null or "oldest" or "newest" or "urgency" or "next-contact"))
        {
            errors["sort"] = ["The sort must be one of: oldest, newest, urgency, next-contact."];
        }

        if (query.Page is < 1)
        {
            errors["page"] = ["The page must be 1 or more."];
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be from 1 to {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return ServiceProblems.Invalid("query", errors);
        }

        var (page, pageSize) = (query.Page ?? 1, query.PageSize ?? 50);
        var today = UkTime.Today(context.Clock);
        var counts = await source.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var filtered = source;
        if (status is { } onlyStatus)
        {
            filtered = filtered.Where(r => r.Status == onlyStatus);
        }

        if (urgency is { } onlyUrgency)
        {
            filtered = filtered.Where(r => r.Urgency == onlyUrgency);
        }

        if (query.DecisionNeeded == true)
        {
            filtered = filtered.Where(r => r.DecisionNeededAt != null);
        }

        // The counts by status already hold the total unless urgency or the decision flag narrows it: a round trip saved.
        var total = urgency is null && query.DecisionNeeded != true
            ? counts.Where(c => status is null || c.Key == status).Sum(c => c.Count)
            : await filtered.CountAsync(cancellationToken);
        var items = await Page(Sorted(filtered, query.Sort), context.Db, page, pageSize).ToListAsync(cancellationToken);
        await context.AuditEachAsync("caseload.read", "referral", items.Select(i => (i.Id, (string?)i.NhsNumber)), cancellationToken);
        return TypedResults.Ok(new CaseloadResponse(member, total, page, pageSize,
            counts.ToDictionary(c => WireEnum.Name(c.Key), c => c.Count),
            [.. items.Select(i => i with { AgeDays = today.DayNumber - UkTime.DateOf(i.ReceivedAt).DayNumber, ContactOverdue = i.NextContactDue < today })]));
    }

    /// <summary>A member's open referrals: the caseload index (allocated member, open statuses) reaches them.</summary>
    public static IQueryable<Referral> Mine(ReferralsDbContext db, string member) => Open(db).Where(r => r.AllocatedToUserId == member);

    private static IQueryable<Referral> Open(ReferralsDbContext db) => db.Referrals.AsNoTracking().Where(ReferralWorkflow.Open);

    private static IQueryable<Referral> Sorted(IQueryable<Referral> referrals, string? sort) => sort switch
    {
        "newest" => referrals.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id),
        "urgency" => referrals.OrderByDescending(r => r.Urgency == Urgency.Urgent).ThenBy(r => r.ReceivedAt).ThenBy(r => r.Id),
        "next-contact" => referrals.OrderBy(r => r.NextContactDue == null).ThenBy(r => r.NextContactDue).ThenBy(r => r.ReceivedAt).ThenBy(r => r.Id),
        _ => referrals.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id),
    };

    /// <summary>One page of caseload items, with each referral's pending onward referrals and open escalations counted in the same query.</summary>
    public static IQueryable<CaseloadItem> Page(IQueryable<Referral> sorted, ReferralsDbContext db, int page, int pageSize) =>
        sorted.Skip((page - 1) * pageSize).Take(pageSize).Select(r => new CaseloadItem(
            r.Id, r.NhsNumber, r.GivenName, r.FamilyName, r.PracticeOds, r.Status, r.Urgency, r.Complexity, r.RiskFlags, r.ReceivedAt, 0,
            r.AllocatedToUserId, r.AllocatedToName,
            r.LastContactAt, r.NextContactDue, false, r.DecisionNeededAt != null,
            db.OnwardReferrals.Count(o => o.ReferralId == r.Id && (o.Status == OnwardReferralStatus.Sent || o.Status == OnwardReferralStatus.Accepted)),
            db.Escalations.Count(e => e.ReferralId == r.Id && e.AcknowledgedAt == null)));

    public static async Task<Ok<TeamBalanceResponse>> GetTeamBalance([AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var members = await context.Db.TeamMembers.AsNoTracking().Where(m => m.Active).OrderBy(m => m.Name).ToListAsync(cancellationToken);
        var loads = await Caseloads.LoadsAsync(context.Db, context.Options, null, cancellationToken);
        var unallocated = await context.Db.Referrals.Where(ReferralWorkflow.Open).CountAsync(r => r.AllocatedToUserId == null, cancellationToken);
        var rows = members.Select(m =>
        {
            var load = loads.GetValueOrDefault(m.UserId) ?? new MemberLoad(0, 0, new Dictionary<string, int>());
            var capacity = m.Capacity > 0 ? m.Capacity : context.Options.DefaultCapacity;
            return new MemberBalance(m.UserId, m.Name, WireEnum.Parse<TeamRole>(m.Role), load.Open, load.Weighted, capacity,
                Math.Round(load.Weighted / capacity, 2), load.ByStatus, m.AlignedPractices);
        }).ToList();
        return TypedResults.Ok(new TeamBalanceResponse(rows, unallocated));
    }
}

/// <param name="AllocatedTo">The user id of the member who holds it: none in the allocation queue.</param>
/// <param name="ContactOverdue">The next contact due date has passed.</param>
public sealed record CaseloadItem(
    Guid Id,
    string NhsNumber,
    string GivenName,
    string FamilyName,
    string PracticeOds,
    ReferralStatus Status,
    Urgency Urgency,
    Complexity Complexity,
    IReadOnlyList<string> RiskFlags,
    DateTimeOffset ReceivedAt,
    int AgeDays,
    string? AllocatedTo,
    string? AllocatedToName,
    DateTimeOffset? LastContactAt,
    DateOnly? NextContactDue,
    bool ContactOverdue,
    bool DecisionNeeded,
    int PendingOnwardReferrals,
    int OpenEscalations);

public sealed record CaseloadResponse(string Member, int Total, int Page, int PageSize, IReadOnlyDictionary<string, int> CountsByStatus, IReadOnlyList<CaseloadItem> Items);

/// <param name="Used">Weighted load over capacity: 1 is full.</param>
public sealed record MemberBalance(string UserId, string Name, TeamRole Role, int OpenReferrals, double WeightedLoad, double Capacity, double Used,
    IReadOnlyDictionary<string, int> CountsByStatus, IReadOnlyList<string> AlignedPractices);

public sealed record TeamBalanceResponse(IReadOnlyList<MemberBalance> Members, int Unallocated);

internal static class CaseloadExamples
{
    public static readonly CaseloadItem Item = new(ReferralExamples.Id, "9434765919", "Ada", "Lovelace", "Y00001", ReferralStatus.InProgress, Urgency.Routine,
        Complexity.Standard, ["lives-alone"], ReferralExamples.At, 12, "user-link-worker", "Lee Linkworker", ReferralExamples.At.AddDays(3), new DateOnly(2026, 3, 16), false, false, 1, 0);

    public static readonly CaseloadResponse Caseload = new("user-link-worker", 1, 1, 50, new Dictionary<string, int> { ["in-progress"] = 1 }, [Item]);

    public static readonly CaseloadResponse Queue = new(CaseloadApi.Unallocated, 1, 1, 50, new Dictionary<string, int> { ["triaged"] = 1 },
        [Item with { Status = ReferralStatus.Triaged, AllocatedTo = null, AllocatedToName = null, LastContactAt = null, NextContactDue = null, PendingOnwardReferrals = 0 }]);

    public static readonly TeamBalanceResponse Team = new(
        [new MemberBalance("user-link-worker", "Sam Jones", TeamRole.LinkWorker, 14, 18.5, 25, 0.74, new Dictionary<string, int> { ["in-progress"] = 10, ["accepted"] = 4 }, ["Y00001"])], 3);
}
