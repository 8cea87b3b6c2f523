using System.Security.Claims;
using CareMesh.Contracts.Referrals;
using CareMesh.Messaging.Outbox;
using CareMesh.Referrals.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Intake;

public static class ReferralsApi
{
    public static IEndpointRouteBuilder MapReferralsApi(this IEndpointRouteBuilder app)
    {
        var referrals = app.MapGroup("/api/referrals").WithTags("Referrals").RequireAuthorization(CareMeshPolicies.Staff).WithIdempotency();
        referrals.MapPost("/", ReceiveReferral).WithName(nameof(ReceiveReferral)).ProducesValidationProblem();
        referrals.MapGet("/{id:guid}", GetReferral).WithName(nameof(GetReferral));
        return app;
    }

    /// <summary>Stores a new referral and announces it; it waits for triage.</summary>
    public static async Task<Created<ReferralResponse>> ReceiveReferral(
        NewReferral request, ReferralsDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var referral = Referral.Receive(request.ToDetails(), clock.GetUtcNow());
        db.Referrals.Add(referral);
        db.AddIntegrationEvent(new ReferralReceived(
            referral.Id,
            new ReferredPatient(referral.NhsNumber, referral.GivenName, referral.FamilyName, referral.DateOfBirth, referral.PracticeOds),
            referral.Reason,
            WireEnum.Name(referral.Urgency),
            WireEnum.Name(referral.Source),
            referral.ReceivedAt), clock);
        db.Audit(user, "referral.create", "referral", referral.Id.ToString(), referral.NhsNumber, AuditOutcomes.Succeeded, clock);
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Created($"/api/referrals/{referral.Id}", ReferralResponse.From(referral));
    }

    public static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> GetReferral(
        Guid id, ReferralsDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        db.Audit(user, "referral.read", "referral", id.ToString(), referral?.NhsNumber,
            referral is null ? AuditOutcomes.NotFound : AuditOutcomes.Succeeded, clock);
        await db.SaveChangesAsync(cancellationToken);
        return referral is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such referral.", detail: $"There is no referral {id}.")
            : TypedResults.Ok(ReferralResponse.From(referral));
    }
}

public sealed record ReferralResponse(
    Guid Id,
    ReferralPatientResponse Patient,
    string Reason,
    Urgency Urgency,
    ReferralSource Source,
    ReferralStatus Status,
    DateTimeOffset ReceivedAt)
{
    public static ReferralResponse From(Referral referral) => new(
        referral.Id,
        new ReferralPatientResponse(referral.NhsNumber, referral.GivenName, referral.FamilyName, referral.DateOfBirth, referral.PracticeOds),
        referral.Reason,
        referral.Urgency,
        referral.Source,
        referral.Status,
        referral.ReceivedAt);
}

public sealed record ReferralPatientResponse(string NhsNumber, string GivenName, string FamilyName, DateOnly DateOfBirth, string PracticeOds);
