using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.Contracts.Referrals;
using CareMesh.Messaging.Outbox;
using CareMesh.Referrals.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareMesh.Referrals.Escalations;

/// <summary>
/// Urgent needs and safety concerns put to the named clinician: raised on a referral, acknowledged
/// (with a response) by that clinician, raised again and flagged to the team lead when not
/// acknowledged within the configured working hours.
/// </summary>
public static class EscalationsApi
{
    public static void MapEscalationsApi(this RouteGroupBuilder referrals)
    {
        referrals.MapPost("/{id:guid}/escalations", RaiseEscalation).WithName(nameof(RaiseEscalation)).Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Escalate an urgent need or safety concern to a clinician")
            .WithDescription("To the referral's named clinician unless another is given (who then becomes it). Must be acknowledged within the configured working hours (default 4). Publishes EscalationRaised. Accepts Idempotency-Key.")
            .WithExamples(new NewEscalation("urgent", "Says she has stopped taking her insulin", null), EscalationExamples.Escalation, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        referrals.MapGet("/{id:guid}/escalations", GetReferralEscalations).WithName(nameof(GetReferralEscalations))
            .WithSummary("A referral's escalations, answered or not")
            .WithDescription("Every escalation raised on the referral, newest first, with the clinician's response once acknowledged. Audited as a read.")
            .WithExamples(response: new[] { EscalationExamples.Escalation });
        referrals.MapGet("/escalations", GetEscalations).WithName(nameof(GetEscalations))
            .WithSummary("Open escalations: a clinician's own, or the team's")
            .WithDescription("Unacknowledged escalations, soonest due first: a clinician sees those addressed to them, others the team's; overdue=true for those past their deadline. Each is audited as read.")
            .WithExamples(response: new[] { EscalationExamples.Escalation });
        referrals.MapPost("/escalations/{escalationId:guid}/acknowledge", AcknowledgeEscalation).WithName(nameof(AcknowledgeEscalation)).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithSummary("Acknowledge an escalation (its clinician)")
            .WithDescription("Only the clinician it is addressed to; with their response. Publishes EscalationAcknowledged. Send If-Match with the escalation's ETag.")
            .WithExamples(new EscalationAcknowledgement("Seen her today; insulin restarted, district nurse visiting daily"), EscalationExamples.Escalation)
            .ProducesValidationProblem();
    }

    public static async Task<Results<Created<EscalationResponse>, ValidationProblem, ProblemHttpResult>> RaiseEscalation(
        Guid id, NewEscalation request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        if (!referral.IsOpen)
        {
            return ServiceProblems.Conflict($"The referral is {WireEnum.Name(referral.Status)}.", "Escalations are raised on open referrals.");
        }

        if (request.Clinician is { } named)
        {
            (referral.NamedClinicianUserId, referral.NamedClinicianName) = (named.UserId, named.Name);
            referral.Version++;
        }

        if (referral.NamedClinicianUserId is null)
        {
            return ServiceProblems.Invalid("escalation", "clinician", "The referral has no named clinician: name the clinician to escalate to.");
        }

        var escalation = new Escalation
        {
            Id = Guid.CreateVersion7(),
            ReferralId = id,
            NhsNumber = referral.NhsNumber,
            Severity = WireEnum.Parse<EscalationSeverity>(request.Severity!),
            Concern = request.Concern!,
            ClinicianUserId = referral.NamedClinicianUserId,
            ClinicianName = referral.NamedClinicianName!,
            RaisedByUserId = context.UserId,
            RaisedByName = context.UserName,
            RaisedAt = context.Now,
            AcknowledgeBy = context.WorkingTime.AddWorkingHours(context.Now, context.Options.EscalationAcknowledgeWithin),
        };
        context.Db.Escalations.Add(escalation);
        context.Db.AddIntegrationEvent(new EscalationRaised(escalation.Id, id, referral.NhsNumber, referral.PracticeOds, WireEnum.Name(escalation.Severity),
            escalation.Concern, new TeamMember(escalation.ClinicianUserId, escalation.ClinicianName, CareMeshRoles.Clinician), context.UserId, escalation.RaisedAt,
            escalation.AcknowledgeBy), context.Clock);
        context.Audit("escalation.create", "referral", id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(escalation.Version);
        return TypedResults.Created($"/api/referrals/escalations/{escalation.Id}", EscalationResponse.From(escalation, context.Now));
    }

    public static async Task<Results<Ok<List<EscalationResponse>>, ProblemHttpResult>> GetReferralEscalations(
        Guid id, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken, tracking: false);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        var escalations = await context.Db.Escalations.AsNoTracking().Where(e => e.ReferralId == id).OrderByDescending(e => e.RaisedAt).ToListAsync(cancellationToken);
        context.Audit("escalation.read", "referral", id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(escalations.Select(e => EscalationResponse.From(e, context.Now)).ToList());
    }

    public static async Task<Ok<List<EscalationResponse>>> GetEscalations(bool? overdue, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var open = context.Db.Escalations.AsNoTracking().Where(e => e.AcknowledgedAt == null);
        if (context.Role == CareMeshRoles.Clinician)
        {
            open = open.Where(e => e.ClinicianUserId == context.UserId);
        }

        if (overdue == true)
        {
            open = open.Where(e => e.AcknowledgeBy < context.Now);
        }

        var escalations = await open.OrderBy(e => e.AcknowledgeBy).Take(500).ToListAsync(cancellationToken);
        await context.AuditEachAsync("escalation.read", "referral", escalations.Select(e => (e.ReferralId, (string?)e.NhsNumber)), cancellationToken);
        return TypedResults.Ok(escalations.Select(e => EscalationResponse.From(e, context.Now)).ToList());
    }

    public static async Task<Results<Ok<EscalationResponse>, ValidationProblem, ProblemHttpResult>> AcknowledgeEscalation(
        Guid escalationId, EscalationAcknowledgement request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var escalation = await context.Db.Escalations.SingleOrDefaultAsync(e => e.Id == escalationId, cancellationToken);
        // Only its clinician acknowledges it; to anyone else it does not exist.
        if (escalation is null || escalation.ClinicianUserId != context.UserId)
        {
            context.Audit("escalation.acknowledge", "escalation", escalationId, null, AuditOutcomes.NotFound);
            await context.Db.SaveChangesAsync(cancellationToken);
            return ServiceProblems.NotFound("escalation", escalationId);
        }

        if (!context.Http.Request.IfMatchAllows(escalation.Version))
        {
            return ServiceProblems.ChangedMeanwhile("escalation");
        }

        if (escalation.AcknowledgedAt is not null)
        {
            return ServiceProblems.Conflict("The escalation is already acknowledged.", $"It was acknowledged at {escalation.AcknowledgedAt:O}.");
        }

        (escalation.AcknowledgedAt, escalation.Response) = (context.Now, request.Response);
        escalation.Version++;
        context.Db.AddIntegrationEvent(new EscalationAcknowledged(escalation.Id, escalation.ReferralId, context.UserId, context.Now), context.Clock);
        context.Audit("escalation.acknowledge", "referral", escalation.ReferralId, escalation.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(escalation.Version);
        return TypedResults.Ok(EscalationResponse.From(escalation, context.Now));
    }
}

public sealed record NewEscalation(
    [property: Required, OneOf<EscalationSeverity>] [Display(Name = "severity")] string? Severity,
    [property: Required, Text(Escalation.MaxConcernLength), Description("The concern in a line.")] [Display(Name = "concern")] string? Concern,
    [property: Description("The clinician to escalate to; the referral's named clinician when left out.")] Allocation.ClinicianRequest? Clinician);

public sealed record EscalationAcknowledgement(
    [property: Required, Text(Escalation.MaxResponseLength)] [Display(Name = "response")] string? Response);

public sealed record EscalationResponse(
    Guid Id,
    Guid ReferralId,
    EscalationSeverity Severity,
    string Concern,
    string ClinicianUserId,
    string ClinicianName,
    string RaisedByName,
    DateTimeOffset RaisedAt,
    DateTimeOffset AcknowledgeBy,
    bool Overdue,
    int TimesRaised,
    bool FlaggedToTeamLead,
    DateTimeOffset? AcknowledgedAt,
    string? Response,
    int Version)
{
    public static EscalationResponse From(Escalation e, DateTimeOffset now) => new(e.Id, e.ReferralId, e.Severity, e.Concern, e.ClinicianUserId, e.ClinicianName,
        e.RaisedByName, e.RaisedAt, e.AcknowledgeBy, e.AcknowledgedAt is null && e.AcknowledgeBy < now, e.TimesRaised, e.FlaggedToTeamLeadAt is not null,
        e.AcknowledgedAt, e.Response, e.Version);
}

/// <summary>
/// Escalations past their deadline and not acknowledged: each is raised again (to the clinician,
/// with a new deadline in working time) and flagged to the team lead, and
/// <see cref="EscalationOverdue"/> is published, all in one transaction; a repeated run finds
/// nothing new until the new deadline passes.
/// </summary>
public sealed class OverdueEscalationsCheck(ReferralsDbContext db, IOptions<ReferralsOptions> options, WorkingCalendar workingTime, TimeProvider clock) : IScheduledCheck
{
    public const int BatchSize = 500;

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.Escalations.Where(e => e.AcknowledgedAt == null && e.AcknowledgeBy <= now).OrderBy(e => e.AcknowledgeBy).Take(BatchSize)
            .ToListAsync(cancellationToken);
        var system = AuditExtensions.SystemActor("referrals:overdue-escalations");
        foreach (var escalation in due)
        {
            var missed = escalation.AcknowledgeBy;
            escalation.TimesRaised++;
            escalation.FlaggedToTeamLeadAt ??= now;
            escalation.AcknowledgeBy = workingTime.AddWorkingHours(now, options.Value.EscalationAcknowledgeWithin);
            escalation.Version++;
            db.AddIntegrationEvent(new EscalationOverdue(escalation.Id, escalation.ReferralId,
                new TeamMember(escalation.ClinicianUserId, escalation.ClinicianName, CareMeshRoles.Clinician), escalation.RaisedAt, missed, escalation.TimesRaised, now), clock);
            db.Audit(system, "escalation.overdue", "referral", escalation.ReferralId.ToString(), escalation.NhsNumber, AuditOutcomes.Succeeded, clock);
        }
    }
}

internal static class EscalationExamples
{
    public static readonly EscalationResponse Escalation = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000030"), Guid.Parse("0193a1b2-7c00-7000-8000-000000000001"),
        EscalationSeverity.Urgent, "Says she has stopped taking her insulin", "user-clinician", "Dr Asha Patel", "Sam Jones",
        new DateTimeOffset(2026, 3, 6, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 9, 9, 30, 0, TimeSpan.Zero), false, 1, false, null, null, 1);
}
