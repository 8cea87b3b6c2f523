using CareMesh.Contracts.Referrals;
using CareMesh.Messaging.Outbox;
using CareMesh.Referrals.Intake;
using CareMesh.Referrals.Outcome;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Workflow;

/// <summary>The referral's workflow: its steps, its history, and a team lead's merge of a duplicate.</summary>
public static class WorkflowApi
{
    public static void MapWorkflowApi(this RouteGroupBuilder referrals)
    {
        referrals.MapPost("/{id:guid}/transitions", Transition).WithName(nameof(Transition))
            .WithSummary("Move a referral on: accept, start, hold, resume, decline, complete, cancel, enter in error")
            .WithDescription("The step must be allowed from the current status (409 names the current status and what it allows). Accept publishes ReferralAccepted; decline ReferralDeclined; complete, cancel and enter-in-error ReferralClosed; accept, decline and complete also tell the referrer (ReferralOutcomeForReferrer). Send If-Match with the referral's ETag (412 when it changed meanwhile). Accepts Idempotency-Key.")
            .WithExamples(new TransitionRequest("hold", "In hospital after a fall", null, new DateOnly(2026, 3, 20)), ReferralExamples.Referral)
            .ProducesValidationProblem();
        referrals.MapGet("/{id:guid}/history", GetHistory).WithName(nameof(GetHistory))
            .WithSummary("Every step of a referral's workflow")
            .WithDescription("Who (user, name, role), when, from and to which status, and why, oldest first; with the history of any referral merged into it. Audited as a read.")
            .WithExamples(response: new[] { ReferralExamples.Transition });
        referrals.MapPost("/{id:guid}/merge", Merge).WithName(nameof(Merge))
            .RequireAuthorization(CareMeshPolicies.TeamLeads)
            .WithSummary("Merge a duplicate referral into this one (team leads)")
            .WithDescription("Both must be for the same NHS number and the duplicate open. The duplicate is entered in error (ReferralClosed) and points here; both histories are kept and this one's history shows the duplicate's. Accepts Idempotency-Key.")
            .WithExamples(new MergeRequest(Guid.Parse("0193a1b2-7c00-7000-8000-000000000002"), "Referred twice by the practice on the same day"), ReferralExamples.Referral)
            .ProducesValidationProblem();
    }

    public static async Task<Results<Ok<ReferralResponse>, ValidationProblem, ProblemHttpResult>> Transition(
        Guid id, TransitionRequest request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
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

        var action = WireEnum.Parse<ReferralAction>(request.Action!);
        if (action == ReferralAction.Accept && referral.AllocatedToUserId is null)
        {
            return ServiceProblems.Conflict("The referral is not allocated.", "Allocate it to a member of the team before accepting it.");
        }

        var reason = request.Reason ?? request.DeclineReason;
        if (context.Move(referral, action, reason) is { } refused)
        {
            return refused;
        }

        Apply(referral, action, request, context);
        context.Audit($"referral.{WireEnum.Name(action)}", "referral", referral.Id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(referral.Version);
        return TypedResults.Ok(ReferralResponse.From(referral));
    }

    /// <summary>What a step changes beyond the status, and the events it publishes (in the same transaction).</summary>
    private static void Apply(Referral referral, ReferralAction action, TransitionRequest request, ReferralsContext context)
    {
        var now = context.Now;
        switch (action)
        {
            case ReferralAction.Hold:
                (referral.HoldReason, referral.HoldUntil) = (request.Reason, request.Until);
                break;
            case ReferralAction.Resume:
                (referral.HoldReason, referral.HoldUntil) = (null, null);
                break;
            case ReferralAction.Accept:
                Decide(referral, request, context);
                context.Db.AddIntegrationEvent(new ReferralAccepted(referral.Id, Patient(referral), referral.Reason, referral.WhatMatters,
                    WireEnum.Name(referral.Urgency), WireEnum.Name(referral.Complexity), referral.Needs, referral.RiskFlags,
                    new TeamMember(referral.AllocatedToUserId!, referral.AllocatedToName!, referral.AllocatedRole!),
                    referral.NamedClinicianUserId is { } clinician ? new TeamMember(clinician, referral.NamedClinicianName!, CareMeshRoles.Clinician) : null,
                    context.UserId, now), context.Clock);
                TellReferrer(referral, context);
                break;
            case ReferralAction.Decline:
                (referral.DeclineReasonCode, referral.DeclineReasonText) = (request.DeclineReason, request.Reason);
                Decide(referral, request, context);
                context.Db.AddIntegrationEvent(new ReferralDeclined(referral.Id, referral.NhsNumber, request.DeclineReason!, request.Reason, context.UserId, now), context.Clock);
                TellReferrer(referral, context);
                break;
            case ReferralAction.Complete:
                referral.Outcome = request.Outcome;
                Decide(referral, request, context);
                Closed(referral, request.Outcome, context);
                TellReferrer(referral, context);
                break;
            case ReferralAction.Cancel or ReferralAction.EnterInError:
                Closed(referral, request.Reason, context);
                break;
        }
    }

    public static ReferredPatient Patient(Referral r) => new(r.NhsNumber, r.GivenName, r.FamilyName, r.DateOfBirth, r.PracticeOds);

    private static void Decide(Referral referral, TransitionRequest request, ReferralsContext context)
    {
        referral.NextSteps = request.NextSteps ?? referral.NextSteps;
        (referral.DecidedAt, referral.DecidedByName) = (context.Now, context.UserName);
    }

    private static void TellReferrer(Referral referral, ReferralsContext context) =>
        context.Db.AddIntegrationEvent(ReferrerOutcome.Event(referral, context.Options.OutcomeCodes), context.Clock);

    private static void Closed(Referral referral, string? outcome, ReferralsContext context) =>
        context.Db.AddIntegrationEvent(new ReferralClosed(referral.Id, referral.NhsNumber, WireEnum.Name(referral.Status), outcome, context.UserId, context.Now), context.Clock);

    public static async Task<Results<Ok<List<TransitionResponse>>, ProblemHttpResult>> GetHistory(
        Guid id, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken, tracking: false);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        var merged = context.Db.Referrals.Where(r => r.MergedIntoId == id).Select(r => r.Id);
        var history = await context.Db.Transitions.AsNoTracking()
            .Where(t => t.ReferralId == id || merged.Contains(t.ReferralId))
            .OrderBy(t => t.At).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        context.Audit("referral.history.read", "referral", id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(history.Select(TransitionResponse.Of).ToList());
    }

    public static async Task<Results<Ok<ReferralResponse>, ValidationProblem, ProblemHttpResult>> Merge(
        Guid id, MergeRequest request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var keep = await context.FindAsync(id, cancellationToken);
        if (keep is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        if (context.Stale(keep) is { } stale)
        {
            return stale;
        }

        var duplicate = await context.Visible(tracking: true).SingleOrDefaultAsync(r => r.Id == request.DuplicateId, cancellationToken);
        if (duplicate is null || duplicate.Id == keep.Id)
        {
            return ServiceProblems.Invalid("merge", "duplicateId", "The duplicate must be another referral that exists.");
        }

        if (duplicate.NhsNumber != keep.NhsNumber)
        {
            return ServiceProblems.Invalid("merge", "duplicateId", "The duplicate is for another person (another NHS number): only one person's referrals are merged.");
        }

        if (keep.MergedIntoId is not null)
        {
            return ServiceProblems.Conflict("The referral was itself merged into another.", $"Merge into {keep.MergedIntoId} instead.");
        }

        if (context.Move(duplicate, ReferralAction.Merge, $"Merged into {keep.Id}: {request.Reason}") is { } refused)
        {
            return refused;
        }

        duplicate.MergedIntoId = keep.Id;
        keep.Version++;
        // Anything else that pointed at the duplicate as its first referral now points at the one kept.
        foreach (var later in await context.Db.Referrals.Where(r => r.PossibleDuplicateOf == duplicate.Id).ToListAsync(cancellationToken))
        {
            later.PossibleDuplicateOf = later.Id == keep.Id ? null : keep.Id;
        }

        Closed(duplicate, $"Merged into {keep.Id}", context);
        context.Audit("referral.merge", "referral", duplicate.Id, duplicate.NhsNumber);
        context.Audit("referral.merge", "referral", keep.Id, keep.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(keep.Version);
        return TypedResults.Ok(ReferralResponse.From(keep));
    }
}
