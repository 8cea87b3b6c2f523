using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.Contracts.Referrals;
using CareMesh.Messaging.Outbox;
using CareMesh.Referrals.Allocation;
using CareMesh.Referrals.Intake;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Onward;

/// <summary>
/// Onward referrals: sent by the team from a referral to a directory service, another role in the
/// team or a statutory service; answered (accept, decline, complete) by the receiver. A VCS partner
/// sees only those sent to its own organisation, with only what the person agreed to share.
/// </summary>
public static class OnwardReferralsApi
{
    public const int ListLimit = 500;

    public static void MapOnwardFromReferralApi(this RouteGroupBuilder referrals)
    {
        referrals.MapPost("/{id:guid}/onward-referrals", SendOnwardReferral).WithName(nameof(SendOnwardReferral)).Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Send the person on: to a directory service, a role in the team, or a statutory service")
            .WithDescription("A directory service is looked up in the Directory by id and kept as it is now (name, organisation, contact); a signposting-only or withdrawn listing cannot be sent a referral (409). A VCS partner or statutory service needs the person's consent to share with them; the shared summary is all the receiver reads. Publishes OnwardReferralSent for directory services. Accepts Idempotency-Key.")
            .WithExamples(new NewOnwardReferral("directory-service", Guid.Parse("0193a1b2-7c00-7000-8000-0000000000a1"), null, null,
                "Ada would like to join a singing group near Chapel Allerton; she uses a stick and needs step-free access.", null), OnwardExamples.Onward, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        referrals.MapGet("/{id:guid}/onward-referrals", GetReferralOnwardReferrals).WithName(nameof(GetReferralOnwardReferrals))
            .WithSummary("A referral's onward referrals")
            .WithDescription("Every onward referral sent from it, newest first, with its answer, whether it needs chasing and whether its service was withdrawn. Audited as a read.")
            .WithExamples(response: new[] { OnwardExamples.Onward });
    }

    public static IEndpointRouteBuilder MapOnwardReferralsApi(this IEndpointRouteBuilder app)
    {
        var onward = app.MapGroup("/api/onward-referrals").WithTags("Onward referrals").RequireAuthorization(CareMeshPolicies.OnwardReferrals).WithIdempotency();
        onward.MapGet("/", ListOnwardReferrals).WithName(nameof(ListOnwardReferrals))
            .WithSummary("Onward referrals: a partner's inbox, or the team's pending ones")
            .WithDescription("A VCS partner sees those sent to its own organisation, newest first. Staff see pending ones; needsChasing=true for those unanswered past the configured days or whose service was withdrawn. Audited per person.")
            .WithExamples(response: new[] { OnwardExamples.Onward });
        onward.MapGet("/{id:guid}", GetOnwardReferral).WithName(nameof(GetOnwardReferral))
            .WithSummary("One onward referral")
            .WithDescription("A partner sees it only if it was sent to its organisation (otherwise 404), and then only what the person agreed to share. ETag carries its version.")
            .WithExamples(response: OnwardExamples.Onward);
        onward.MapPost("/{id:guid}/accept", AcceptOnwardReferral).WithName(nameof(AcceptOnwardReferral)).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithSummary("Accept an onward referral (the receiver)")
            .WithDescription("Publishes OnwardReferralAccepted. A directory service's referral is answered by its organisation's partners; others by staff on the receiver's behalf. Send If-Match.")
            .WithExamples(new OnwardAnswer(null, null), OnwardExamples.Onward)
            .ProducesValidationProblem();
        onward.MapPost("/{id:guid}/decline", DeclineOnwardReferral).WithName(nameof(DeclineOnwardReferral)).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithSummary("Decline an onward referral, with a reason (the receiver)")
            .WithDescription("Publishes OnwardReferralDeclined. Send If-Match.")
            .WithExamples(new OnwardAnswer("The group is full until May", null), OnwardExamples.Onward)
            .ProducesValidationProblem();
        onward.MapPost("/{id:guid}/complete", CompleteOnwardReferral).WithName(nameof(CompleteOnwardReferral)).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithSummary("Report the outcome of an accepted onward referral (the receiver)")
            .WithDescription("Publishes OnwardReferralCompleted. Send If-Match.")
            .WithExamples(new OnwardAnswer(null, "Came to six sessions and joined the choir"), OnwardExamples.Onward)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Created<OnwardReferralResponse>, ValidationProblem, ProblemHttpResult>> SendOnwardReferral(
        Guid id, NewOnwardReferral request, DirectoryClient directory, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken, tracking: false);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        if (!referral.IsOpen)
        {
            return ServiceProblems.Conflict($"The referral is {WireEnum.Name(referral.Status)}.", "Onward referrals are sent from open referrals.");
        }

        var kind = WireEnum.Parse<OnwardReferralKind>(request.Kind!);
        var consentedTo = referral.Consent.ToShare ? referral.Consent.With : [];
        var needs = kind switch
        {
            OnwardReferralKind.DirectoryService => SharingParty.VcsPartners,
            OnwardReferralKind.Statutory => request.StatutoryService == "adult-social-care" ? SharingParty.SocialCare : SharingParty.OtherNhsServices,
            _ => (SharingParty?)null,
        };
        if (needs is { } party && !consentedTo.Contains(party))
        {
            return ServiceProblems.Conflict("The person has not agreed to share with this receiver.",
                $"Their consent covers: {(consentedTo.Count == 0 ? "no one" : string.Join(", ", consentedTo.Select(p => WireEnum.Name(p))))}; {WireEnum.Name(party)} is needed.");
        }

        string receiver;
        string? organisationName = null, contact = null;
        Guid? serviceId = null, organisationId = null;
        switch (kind)
        {
            case OnwardReferralKind.DirectoryService:
                DirectoryListing? listing;
                try
                {
                    listing = await directory.FindServiceAsync(request.ServiceId!.Value, cancellationToken);
                }
                catch (HttpRequestException)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The Directory cannot be reached.",
                        detail: "Nothing was sent. Try again in a moment.");
                }

                if (listing is null)
                {
                    return ServiceProblems.Invalid("onward referral", "serviceId", "There is no such service in the Directory.");
                }

                if (!listing.IsListed)
                {
                    return ServiceProblems.Conflict("The service is not listed in the Directory.", "It is inactive, private or withdrawn: choose another service.");
                }

                if (!listing.TakesDirectReferrals)
                {
                    return ServiceProblems.Conflict("The service is signposting only.", "It takes no direct referrals: give the person its details instead.");
                }

                (receiver, organisationName, contact, serviceId, organisationId) = (listing.Name, listing.OrganisationName, listing.Contact, listing.ServiceId, listing.OrganisationId);
                break;
            case OnwardReferralKind.TeamRole:
                receiver = WireEnum.Name(WireEnum.Parse<TeamRole>(request.TeamRole!));
                break;
            default:
                receiver = request.StatutoryService!;
                break;
        }

        var onward = new OnwardReferral
        {
            Id = Guid.CreateVersion7(),
            ReferralId = id,
            Kind = kind,
            ServiceId = serviceId,
            OrganisationId = organisationId,
            ReceiverName = receiver,
            OrganisationName = organisationName,
            ReceiverContact = contact,
            SharedSummary = request.Summary!,
            CarePlanActionId = request.CarePlanActionId,
            Status = OnwardReferralStatus.Sent,
            SentByUserId = context.UserId,
            SentByName = context.UserName,
            SentAt = context.Now,
            AnswerBy = context.Now.AddDays(context.Options.OnwardReferralAnswerDays),
        };
        context.Db.OnwardReferrals.Add(onward);
        if (onward is { ServiceId: { } sid, OrganisationId: { } oid })
        {
            context.Db.AddIntegrationEvent(new OnwardReferralSent(onward.Id, id, sid, oid, onward.SentAt, onward.CarePlanActionId), context.Clock);
        }

        context.Audit("onward-referral.create", "referral", id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(onward.Version);
        return TypedResults.Created($"/api/onward-referrals/{onward.Id}", OnwardReferralResponse.From(onward, referral));
    }

    public static async Task<Results<Ok<List<OnwardReferralResponse>>, ProblemHttpResult>> GetReferralOnwardReferrals(
        Guid id, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken, tracking: false);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        var onward = await context.Db.OnwardReferrals.AsNoTracking().Where(o => o.ReferralId == id).OrderByDescending(o => o.SentAt).ToListAsync(cancellationToken);
        context.Audit("onward-referral.read", "referral", id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(onward.Select(o => OnwardReferralResponse.From(o, referral)).ToList());
    }

    public static async Task<Ok<List<OnwardReferralResponse>>> ListOnwardReferrals(bool? needsChasing, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var query = context.Db.OnwardReferrals.AsNoTracking();
        var partner = OnwardAccess.PartnerOrganisation(context);
        if (partner is not null)
        {
            query = query.Where(o => o.OrganisationId == partner.Value);
        }
        else
        {
            query = query.Where(o => o.Status == OnwardReferralStatus.Sent || o.Status == OnwardReferralStatus.Accepted);
            if (needsChasing == true)
            {
                query = query.Where(o => o.ChaseFlaggedAt != null || o.ServiceWithdrawnAt != null);
            }
        }

        var rows = await query.OrderByDescending(o => o.SentAt).Take(ListLimit)
            .Join(partner is null ? context.Visible() : context.Db.Referrals.AsNoTracking(), o => o.ReferralId, r => r.Id, (o, r) => new { Onward = o, Referral = r }).ToListAsync(cancellationToken);
        await context.AuditEachAsync("onward-referral.read", "onward-referral", rows.Select(r => (r.Onward.Id, (string?)r.Referral.NhsNumber)), cancellationToken);
        return TypedResults.Ok(rows.Select(r => OnwardAccess.View(r.Onward, r.Referral, context)).ToList());
    }

    public static async Task<Results<Ok<OnwardReferralResponse>, ProblemHttpResult>> GetOnwardReferral(
        Guid id, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        if (await OnwardAccess.FindAsync(id, context, tracking: false, cancellationToken) is not { } found)
        {
            return ServiceProblems.NotFound("onward referral", id);
        }

        context.Audit("onward-referral.read", "onward-referral", id, found.Referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(found.Onward.Version);
        return TypedResults.Ok(OnwardAccess.View(found.Onward, found.Referral, context));
    }

    public static Task<Results<Ok<OnwardReferralResponse>, ValidationProblem, ProblemHttpResult>> AcceptOnwardReferral(
        Guid id, OnwardAnswer request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken) =>
        AnswerAsync(id, OnwardReferralStep.Accept, request, context, cancellationToken);

    public static Task<Results<Ok<OnwardReferralResponse>, ValidationProblem, ProblemHttpResult>> DeclineOnwardReferral(
        Guid id, OnwardAnswer request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken) =>
        AnswerAsync(id, OnwardReferralStep.Decline, request, context, cancellationToken);

    public static Task<Results<Ok<OnwardReferralResponse>, ValidationProblem, ProblemHttpResult>> CompleteOnwardReferral(
        Guid id, OnwardAnswer request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken) =>
        AnswerAsync(id, OnwardReferralStep.Complete, request, context, cancellationToken);

    private static async Task<Results<Ok<OnwardReferralResponse>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        Guid id, OnwardReferralStep step, OnwardAnswer request, ReferralsContext context, CancellationToken cancellationToken)
    {
        if (step == OnwardReferralStep.Decline && request.Reason is null)
        {
            return ServiceProblems.Invalid("answer", "reason", "The reason is required to decline.");
        }

        if (step == OnwardReferralStep.Complete && request.Outcome is null)
        {
            return ServiceProblems.Invalid("answer", "outcome", "The outcome is required to complete.");
        }

        if (await OnwardAccess.FindAsync(id, context, tracking: true, cancellationToken) is not { } found)
        {
            return ServiceProblems.NotFound("onward referral", id);
        }

        var (onward, referral) = (found.Onward, found.Referral);
        // A directory service's referral is its organisation's to answer; staff answer for the others.
        if (onward.Kind == OnwardReferralKind.DirectoryService && context.Role != CareMeshRoles.VcsPartner)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the receiving organisation answers this onward referral.",
                detail: $"It was sent to {onward.OrganisationName ?? onward.ReceiverName}, who answer it in CareMesh.");
        }

        if (!context.Http.Request.IfMatchAllows(onward.Version))
        {
            return ServiceProblems.ChangedMeanwhile("onward referral");
        }

        if (OnwardReferral.Workflow.Next(onward.Status, step) is not { } next)
        {
            return OnwardReferral.Workflow.Refusal("onward referral", onward.Status, step);
        }

        onward.Status = next;
        onward.Version++;
        var now = context.Now;
        switch (step)
        {
            case OnwardReferralStep.Accept:
                (onward.AnsweredAt, onward.AnsweredByName) = (now, context.UserName);
                context.Db.AddIntegrationEvent(new OnwardReferralAccepted(onward.Id, onward.ReferralId, onward.ServiceId, onward.OrganisationId, onward.CarePlanActionId, now), context.Clock);
                break;
            case OnwardReferralStep.Decline:
                (onward.AnsweredAt, onward.AnsweredByName, onward.DeclineReason) = (now, context.UserName, request.Reason);
                context.Db.AddIntegrationEvent(new OnwardReferralDeclined(onward.Id, onward.ReferralId, onward.ServiceId, onward.OrganisationId, onward.CarePlanActionId,
                    request.Reason!, now), context.Clock);
                break;
            default:
                (onward.CompletedAt, onward.Outcome) = (now, request.Outcome);
                context.Db.AddIntegrationEvent(new OnwardReferralCompleted(onward.Id, onward.ReferralId, onward.ServiceId, onward.OrganisationId, onward.CarePlanActionId,
                    request.Outcome!, now), context.Clock);
                break;
        }

        context.Audit($"onward-referral.{WireEnum.Name(step)}", "onward-referral", onward.Id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(onward.Version);
        return TypedResults.Ok(OnwardAccess.View(onward, referral, context));
    }
}

/// <summary>
/// Object-level checks on onward referrals: a VCS partner (whose token names its directory
/// organisation) reaches only those sent to that organisation; any other is "not found", so it
/// cannot learn that it exists. A clinician sees those of referrals they may see.
/// </summary>
public static class OnwardAccess
{
    /// <summary>The caller's organisation when the caller is a VCS partner; an unreadable one matches nothing.</summary>
    public static Guid? PartnerOrganisation(ReferralsContext context) =>
        context.Role != CareMeshRoles.VcsPartner ? null : Guid.TryParse(context.User.Organisation(), out var organisation) ? organisation : Guid.Empty;

    public static async Task<(OnwardReferral Onward, Referral Referral)?> FindAsync(Guid id, ReferralsContext context, bool tracking, CancellationToken cancellationToken)
    {
        var onwards = tracking ? context.Db.OnwardReferrals : context.Db.OnwardReferrals.AsNoTracking();
        var onward = await onwards.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        var partner = PartnerOrganisation(context);
        var referral = onward is null || partner is { } org && onward.OrganisationId != org ? null
            : partner is not null ? await context.Db.Referrals.AsNoTracking().SingleAsync(r => r.Id == onward.ReferralId, cancellationToken)
            : await context.Visible().SingleOrDefaultAsync(r => r.Id == onward.ReferralId, cancellationToken);
        if (onward is null || referral is null)
        {
            context.Audit("onward-referral.read", "onward-referral", id, null, AuditOutcomes.NotFound);
            await context.Db.SaveChangesAsync(cancellationToken);
            return null;
        }

        return (onward, referral);
    }

    /// <summary>What the caller may read: a partner gets the person's name and contact (the person agreed to share with it), never the NHS number.</summary>
    public static OnwardReferralResponse View(OnwardReferral onward, Referral referral, ReferralsContext context)
    {
        var full = OnwardReferralResponse.From(onward, referral);
        if (context.Role != CareMeshRoles.VcsPartner)
        {
            return full;
        }

        return full with
        {
            Person = full.Person with { NhsNumber = null },
            SentByUserId = null,
        };
    }
}

public sealed record NewOnwardReferral(
    [property: Required, OneOf<OnwardReferralKind>] [Display(Name = "kind")] string? Kind,
    [property: Description("For a directory service: its id in the Directory.")] [Display(Name = "service")] Guid? ServiceId,
    [property: OneOf<TeamRole>, Description("For a role in the team.")] [Display(Name = "team role")] string? TeamRole,
    [property: Text(100), Description("For a statutory service: one of the configured ones (Referrals:StatutoryServices).")] [Display(Name = "statutory service")] string? StatutoryService,
    [property: Required, Text(OnwardReferral.MaxTextLength), Description("What the receiver is told: only what the person agreed to share.")] [Display(Name = "summary to share")] string? Summary,
    [Display(Name = "care plan action")] Guid? CarePlanActionId) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == "directory-service" && ServiceId is null)
        {
            yield return new ValidationResult("The service is required for a directory service.", [nameof(ServiceId)]);
        }

        if (Kind == "team-role" && TeamRole is null)
        {
            yield return new ValidationResult("The team role is required for a role in the team.", [nameof(TeamRole)]);
        }

        if (Kind == "statutory")
        {
            var known = (validationContext.GetService(typeof(Microsoft.Extensions.Options.IOptions<ReferralsOptions>)) as Microsoft.Extensions.Options.IOptions<ReferralsOptions>)
                ?.Value.StatutoryServices ?? new ReferralsOptions().StatutoryServices;
            if (StatutoryService is null || !known.Contains(StatutoryService, StringComparer.Ordinal))
            {
                yield return new ValidationResult($"The statutory service must be one of: {string.Join(", ", known)}.", [nameof(StatutoryService)]);
            }
        }
    }
}

public sealed record OnwardAnswer(
    [property: Text(OnwardReferral.MaxTextLength), Description("Required to decline.")] [Display(Name = "reason")] string? Reason,
    [property: Text(OnwardReferral.MaxTextLength), Description("Required to complete.")] [Display(Name = "outcome")] string? Outcome);

/// <summary>The person as an onward referral's receiver sees them (a partner never gets the NHS number).</summary>
public sealed record OnwardPerson(string? NhsNumber, string GivenName, string FamilyName, DateOnly DateOfBirth, PatientContact Contact);

public sealed record OnwardReferralResponse(
    Guid Id,
    Guid ReferralId,
    OnwardReferralKind Kind,
    Guid? ServiceId,
    Guid? OrganisationId,
    string ReceiverName,
    string? OrganisationName,
    string? ReceiverContact,
    string SharedSummary,
    OnwardPerson Person,
    OnwardReferralStatus Status,
    string SentByName,
    string? SentByUserId,
    DateTimeOffset SentAt,
    DateTimeOffset AnswerBy,
    bool NeedsChasing,
    bool ServiceWithdrawn,
    DateTimeOffset? AnsweredAt,
    string? DeclineReason,
    string? Outcome,
    IReadOnlyList<string> AllowedAnswers,
    int Version)
{
    public static OnwardReferralResponse From(OnwardReferral o, Referral r) => new(o.Id, o.ReferralId, o.Kind, o.ServiceId, o.OrganisationId, o.ReceiverName,
        o.OrganisationName, o.ReceiverContact, o.SharedSummary, new OnwardPerson(r.NhsNumber, r.GivenName, r.FamilyName, r.DateOfBirth, r.Contact), o.Status,
        o.SentByName, o.SentByUserId, o.SentAt, o.AnswerBy, o.ChaseFlaggedAt is not null && o.Status == OnwardReferralStatus.Sent, o.ServiceWithdrawnAt is not null,
        o.AnsweredAt, o.DeclineReason, o.Outcome,
        [.. OnwardReferral.Workflow.ActionsFrom(o.Status).Select(s => WireEnum.Name(s))], o.Version);
}

internal static class OnwardExamples
{
    public static readonly OnwardReferralResponse Onward = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000050"), ReferralExamples.Id, OnwardReferralKind.DirectoryService,
        Guid.Parse("0193a1b2-7c00-7000-8000-0000000000a1"), Guid.Parse("0193a1b2-7c00-7000-8000-0000000000b1"), "Chapel Allerton Singing for Wellbeing",
        "Leeds Community Arts", "hello@example.org.uk", "Ada would like to join a singing group near Chapel Allerton; she uses a stick and needs step-free access.",
        new OnwardPerson(null, "Ada", "Lovelace", new DateOnly(1950, 12, 10),
            new PatientContact("12 Chapel Street", null, "Leeds", "LS7 3AP", "0113 496 0000", null, ContactMethod.Phone, "weekday mornings", null, "Large print letters", false)),
        OnwardReferralStatus.Sent, "Sam Jones", null, ReferralExamples.At, ReferralExamples.At.AddDays(14), false, false, null, null, null, ["accept", "decline"], 1);
}
