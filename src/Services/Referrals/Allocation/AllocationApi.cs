using CareMesh.Contracts.Referrals;
using CareMesh.Messaging.Outbox;
using CareMesh.Referrals.Intake;
using CareMesh.Referrals.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Allocation;

/// <summary>Triage, the suggestion of who should take a referral, allocation, and the team it draws on.</summary>
public static class AllocationApi
{
    public static void MapAllocationApi(this RouteGroupBuilder referrals)
    {
        referrals.MapPost("/{id:guid}/triage", Triage).WithName(nameof(Triage))
            .WithSummary("Triage a referral")
            .WithDescription("The role that should support the person, complexity, and (optionally) urgency, needs, risk flags and the named clinician. Allowed when received or triaged. Send If-Match. Accepts Idempotency-Key.")
            .WithExamples(new TriageRequest("link-worker", "standard", null, ["social-isolation"], ["lives-alone"], new ClinicianRequest("user-clinician", "Dr Asha Patel"), "No clinical concern"),
                ReferralExamples.Referral)
            .ProducesValidationProblem();
        referrals.MapGet("/{id:guid}/allocation-suggestions", SuggestAllocation).WithName(nameof(SuggestAllocation))
            .WithSummary("Who should take this referral, and why")
            .WithDescription("Active members with the triaged role (or ?role=), those covering the person's practice first, least loaded for their capacity first; each with the reason in words.")
            .WithExamples(response: new[] { AllocationExamples.Suggestion });
        referrals.MapPost("/{id:guid}/allocate", Allocate).WithName(nameof(Allocate))
            .WithSummary("Allocate (or reallocate) a referral to a member of the team")
            .WithDescription("To a member of the team (their role comes with them). A reallocation needs a reason. Publishes ReferralAllocated. Send If-Match. Accepts Idempotency-Key.")
            .WithExamples(new AllocationRequest("user-link-worker", null), ReferralExamples.Referral)
            .ProducesValidationProblem();
    }

    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder app)
    {
        var team = app.MapGroup("/api/referrals/team").WithTags("Team").RequireAuthorization(CareMeshPolicies.Staff).WithIdempotency();
        team.MapGet("/", GetTeam).WithName(nameof(GetTeam))
            .WithSummary("The team's members")
            .WithDescription("Each member's role, capacity and aligned practices. No patient data.")
            .WithExamples(response: new[] { AllocationExamples.Member });
        team.MapPut("/{userId}", SetTeamMember).WithName(nameof(SetTeamMember))
            .RequireAuthorization(CareMeshPolicies.TeamLeads)
            .WithSummary("Add or change a member of the team (team leads)")
            .WithDescription("Role, capacity in weighted referrals, and the practices the member is aligned to (none: all). Send If-Match to change an existing member.")
            .WithExamples(new TeamMemberRequest("Sam Jones", "link-worker", 25, ["Y00001"], true), AllocationExamples.Member)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<ReferralResponse>, ValidationProblem, ProblemHttpResult>> Triage(
        Guid id, TriageRequest request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        if (context.Stale(referral) is { } stale)
        {
            return stale;
        }

        if (context.Move(referral, ReferralAction.Triage, request.Reason) is { } refused)
        {
            return refused;
        }

        referral.TriagedRole = request.Role;
        referral.Complexity = WireEnum.Parse<Complexity>(request.Complexity!);
        referral.Urgency = request.Urgency is { } urgency ? WireEnum.Parse<Urgency>(urgency) : referral.Urgency;
        referral.Needs = request.Needs is { } needs ? [.. needs.Distinct()] : referral.Needs;
        referral.RiskFlags = request.RiskFlags is { } flags ? [.. flags.Select(f => WireEnum.Name(WireEnum.Parse<RiskFlag>(f))).Distinct()] : referral.RiskFlags;
        if (request.NamedClinician is { } clinician)
        {
            (referral.NamedClinicianUserId, referral.NamedClinicianName) = (clinician.UserId, clinician.Name);
        }

        context.Audit("referral.triage", "referral", referral.Id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(referral.Version);
        return TypedResults.Ok(ReferralResponse.From(referral));
    }

    public static async Task<Results<Ok<List<AllocationSuggestion>>, ValidationProblem, ProblemHttpResult>> SuggestAllocation(
        Guid id, string? role, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken, tracking: false);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        var wanted = role ?? referral.TriagedRole;
        if (!WireEnum.TryParse<TeamRole>(wanted, out var teamRole))
        {
            return ServiceProblems.Invalid("query", "role", $"The role must be one of: {string.Join(", ", WireEnum.Names<TeamRole>())} (the referral is not triaged yet, so name one).");
        }

        var members = await context.Db.TeamMembers.AsNoTracking().Where(m => m.Active && m.Role == WireEnum.Name(teamRole)).ToListAsync(cancellationToken);
        var loads = await Caseloads.LoadsAsync(context.Db, context.Options, [.. members.Select(m => m.UserId)], cancellationToken);
        context.Audit("referral.read", "referral", referral.Id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Caseloads.Suggest(referral, teamRole, members, loads, context.Options));
    }

    public static async Task<Results<Ok<ReferralResponse>, ValidationProblem, ProblemHttpResult>> Allocate(
        Guid id, AllocationRequest request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        if (context.Stale(referral) is { } stale)
        {
            return stale;
        }

        var member = await context.Db.TeamMembers.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == request.UserId && m.Active, cancellationToken);
        if (member is null)
        {
            return ServiceProblems.Invalid("allocation", "userId", "The member must be an active member of the team (GET /api/referrals/team).");
        }

        if (referral.AllocatedToUserId is { } current)
        {
            if (current == member.UserId)
            {
                return ServiceProblems.Conflict("The referral is already allocated to this member.", $"It is with {referral.AllocatedToName}.");
            }

            if (request.Reason is null)
            {
                return ServiceProblems.Invalid("allocation", "reason", $"The reason is required to reallocate: the referral is with {referral.AllocatedToName}.");
            }
        }

        if (context.Move(referral, ReferralAction.Allocate, request.Reason ?? $"Allocated to {member.Name}") is { } refused)
        {
            return refused;
        }

        (referral.AllocatedToUserId, referral.AllocatedToName, referral.AllocatedRole, referral.AllocatedAt) = (member.UserId, member.Name, member.Role, context.Now);
        context.Db.AddIntegrationEvent(new ReferralAllocated(referral.Id, member.UserId, member.Name, member.Role, context.UserId, request.Reason, context.Now), context.Clock);
        context.Audit("referral.allocate", "referral", referral.Id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(referral.Version);
        return TypedResults.Ok(ReferralResponse.From(referral));
    }

    public static async Task<Ok<List<TeamMemberResponse>>> GetTeam([AsParameters] ReferralsContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok((await context.Db.TeamMembers.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken)).Select(TeamMemberResponse.From).ToList());

    public static async Task<Results<Ok<TeamMemberResponse>, Created<TeamMemberResponse>, ProblemHttpResult>> SetTeamMember(
        string userId, TeamMemberRequest request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        if (userId.Length > 200)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The user id is too long.", detail: "A user id is at most 200 characters.");
        }

        var member = await context.Db.TeamMembers.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        var created = member is null;
        if (member is null)
        {
            member = new TeamMember { UserId = userId, Name = request.Name!, Role = request.Role! };
            context.Db.TeamMembers.Add(member);
        }
        else if (!context.Http.Request.IfMatchAllows(member.Version))
        {
            return ServiceProblems.ChangedMeanwhile("team member");
        }
        else
        {
            member.Version++;
        }

        (member.Name, member.Role, member.Capacity) = (request.Name!, request.Role!, request.Capacity!.Value);
        member.AlignedPractices = [.. (request.AlignedPractices ?? []).Select(p => p.ToUpperInvariant()).Distinct()];
        member.Active = request.Active ?? true;
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(member.Version);
        var response = TeamMemberResponse.From(member);
        return created ? TypedResults.Created($"/api/referrals/team/{Uri.EscapeDataString(userId)}", response) : TypedResults.Ok(response);
    }
}

internal static class AllocationExamples
{
    public static readonly TeamMemberResponse Member = new("user-link-worker", "Sam Jones", TeamRole.LinkWorker, 25, ["Y00001"], true, 1);

    public static readonly AllocationSuggestion Suggestion = new("user-link-worker", "Sam Jones", TeamRole.LinkWorker, 12, 25, 13, true,
        "Sam Jones carries 12 of 25 (48% of capacity); this referral adds 1; aligned to Y00001.");
}
