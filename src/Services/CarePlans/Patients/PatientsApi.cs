using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.CarePlans.Plans;
using CareMesh.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Patients;

/// <summary>Finding a person in care planning by NHS number. The number travels in the body: never in a URL.</summary>
public static class PatientsApi
{
    public static void MapPatientsApi(this RouteGroupBuilder plans) =>
        plans.MapPost("/lookup", LookUpPatient).WithName(nameof(LookUpPatient))
            .WithSummary("Find a person's care: their details, referrals and plans")
            .WithDescription("The NHS number goes in the body, so it never appears in a URL, a log line or a trace. 404 when care planning has no record of the person or they are another practice's (and the caller coordinates none of their plans). Audited as a read either way.")
            .WithExamples(new PatientLookupRequest("9434765919"), PatientExamples.Care)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PatientCareResponse>, ProblemHttpResult>> LookUpPatient(
        PatientLookupRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var nhsNumber = NhsNumber.Normalise(request.NhsNumber!);
        var patient = await context.Db.Patients.AsNoTracking()
            .Include(p => p.Referrals.OrderBy(r => r.ReceivedAt))
            .SingleOrDefaultAsync(p => p.NhsNumber == nhsNumber, cancellationToken);
        var plans = await context.Db.Plans.AsNoTracking().Where(p => p.NhsNumber == nhsNumber).Where(PlanAccess.Visible(context.User, context.Options))
            .OrderBy(p => p.CreatedAt).Select(p => new PlanSummary(p.Id, p.Status, p.VersionNumber, p.CreatedAt, p.ClosedAt)).ToListAsync(cancellationToken);
        var visible = patient is not null && (PlanAccess.MayWorkFor(context.User, patient.PracticeOds, context.Options) || plans.Count > 0);
        context.Audit("patient.read", "patient", null, nhsNumber,
            patient is null ? AuditOutcomes.NotFound : visible ? AuditOutcomes.Succeeded : AuditOutcomes.Denied);
        await context.Db.SaveChangesAsync(cancellationToken);

        return visible
            ? TypedResults.Ok(PatientCareResponse.From(patient!, plans))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such patient.", detail: "Care planning has no record of this NHS number.");
    }
}

public sealed record PatientLookupRequest(
    [property: Required, NhsNumber, Description("The person's NHS number: 10 digits.")] [Display(Name = "NHS number")] string? NhsNumber);

public sealed record PlanSummary(Guid Id, PlanStatus Status, int Version, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

public sealed record PatientCareResponse(
    string NhsNumber,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string PracticeOds,
    IReadOnlyList<PatientReferralResponse> Referrals,
    IReadOnlyList<PlanSummary> Plans)
{
    public static PatientCareResponse From(Patient patient, IReadOnlyList<PlanSummary> plans) => new(
        patient.NhsNumber,
        patient.GivenName,
        patient.FamilyName,
        patient.DateOfBirth,
        patient.PracticeOds,
        patient.Referrals.Select(r => new PatientReferralResponse(r.ReferralId, r.Reason, r.Urgency, r.ReceivedAt)).ToList(),
        plans);
}

public sealed record PatientReferralResponse(Guid ReferralId, string Reason, string Urgency, DateTimeOffset ReceivedAt);

internal static class PatientExamples
{
    public static readonly PatientCareResponse Care = new("9434765919", "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001",
        [new PatientReferralResponse(Guid.Parse("0193a1b2-7c00-7000-8000-000000000001"), "Lives alone, struggling after discharge", "routine",
            new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero))],
        [new PlanSummary(Guid.Parse("0193a1b2-7c00-7000-8000-000000000100"), PlanStatus.Draft, 1, new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), null)]);
}
