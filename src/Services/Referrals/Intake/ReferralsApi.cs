using CareMesh.Contracts.Referrals;
using CareMesh.Messaging.Outbox;
using CareMesh.Referrals.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Intake;

/// <summary>Referrals coming in, read back, and found by NHS number.</summary>
public static class ReferralsApi
{
    public const int SearchLimit = 200;

    public static RouteGroupBuilder MapReferralsApi(this IEndpointRouteBuilder app)
    {
        var referrals = app.MapGroup("/api/referrals").WithTags("Referrals").RequireAuthorization(CareMeshPolicies.Staff).WithIdempotency();
        referrals.MapPost("/", ReceiveReferral).WithName(nameof(ReceiveReferral))
            .WithSummary("Receive a referral")
            .WithDescription("From a GP, another clinician or professional, a VCS partner, or the person themself (a self-referral recorded by staff). Stored as received and announced (ReferralReceived). Another open referral for the same NHS number is shown as possibleDuplicateOf, never silently doubled. Accepts Idempotency-Key: a retry returns the first answer and creates nothing.")
            .WithExamples(ReferralExamples.New, ReferralExamples.Referral, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        referrals.MapGet("/{id:guid}", GetReferral).WithName(nameof(GetReferral))
            .WithSummary("One referral")
            .WithDescription("Everything the referral carries, its allocation, contacts so far and the steps allowed now. ETag carries its version. Audited as a read.")
            .WithExamples(response: ReferralExamples.Referral);
        referrals.MapPost("/search", SearchReferrals).WithName(nameof(SearchReferrals))
            .WithSummary("A person's referrals, by NHS number")
            .WithDescription("The NHS number travels in the body, never in a URL. Newest first, merged ones included (mergedInto says where they went). Each referral returned is audited as read.")
            .WithExamples(new ReferralSearch("9434765919", true), new[] { ReferralExamples.Referral });
        return referrals;
    }

    public static async Task<Created<ReferralResponse>> ReceiveReferral(
        NewReferral request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = Referral.Receive(request.ToDetails(), context.UserId, context.Now);
        // One person, one record: the open referral already held for this NHS number, if any, is named.
        referral.PossibleDuplicateOf = await context.Db.Referrals.AsNoTracking()
            .Where(r => r.NhsNumber == referral.NhsNumber && r.MergedIntoId == null).Where(ReferralWorkflow.Open)
            .OrderBy(r => r.ReceivedAt).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        context.Db.Referrals.Add(referral);
        context.Db.AddIntegrationEvent(new ReferralReceived(
            referral.Id,
            WorkflowApi.Patient(referral),
            referral.Reason,
            WireEnum.Name(referral.Urgency),
            WireEnum.Name(referral.Source),
            referral.ReceivedAt), context.Clock);
        context.Audit("referral.create", "referral", referral.Id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(referral.Version);
        return TypedResults.Created($"/api/referrals/{referral.Id}", ReferralResponse.From(referral));
    }

    public static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> GetReferral(
        Guid id, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken, tracking: false);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        context.Audit("referral.read", "referral", id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(referral.Version);
        return TypedResults.Ok(ReferralResponse.From(referral));
    }

    public static async Task<Ok<List<ReferralResponse>>> SearchReferrals(
        ReferralSearch request, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var nhsNumber = CareMesh.Contracts.NhsNumber.Normalise(request.NhsNumber!);
        var query = context.Visible().Where(r => r.NhsNumber == nhsNumber);
        if (request.OpenOnly == true)
        {
            query = query.Where(ReferralWorkflow.Open);
        }

        var found = await query.OrderByDescending(r => r.ReceivedAt).Take(SearchLimit).ToListAsync(cancellationToken);
        context.Audit("referral.search", "patient", null, nhsNumber, found.Count == 0 ? AuditOutcomes.NotFound : AuditOutcomes.Succeeded);
        await context.Db.SaveChangesAsync(cancellationToken);
        await context.AuditEachAsync("referral.read", "referral", found.Select(r => (r.Id, (string?)nhsNumber)), cancellationToken);
        return TypedResults.Ok(found.Select(ReferralResponse.From).ToList());
    }
}
