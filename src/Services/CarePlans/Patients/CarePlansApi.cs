using System.Security.Claims;
using CareMesh.CarePlans.Data;
using CareMesh.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Patients;

public static class CarePlansApi
{
    public static IEndpointRouteBuilder MapCarePlansApi(this IEndpointRouteBuilder app)
    {
        var carePlans = app.MapGroup("/api/care-plans").WithTags("Care plans").RequireAuthorization(CareMeshPolicies.Staff);
        carePlans.MapGet("/", GetPatientCare).WithName(nameof(GetPatientCare));
        return app;
    }

    /// <summary>The patient as care planning knows them, with the referrals received for them.</summary>
    public static async Task<Results<Ok<PatientCareResponse>, ValidationProblem, ProblemHttpResult>> GetPatientCare(
        string? nhsNumber, CarePlansDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!NhsNumber.IsValid(nhsNumber))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["nhsNumber"] = ["Give a 10-digit NHS number with a valid check digit."] },
                title: "The query is not valid.");
        }

        var normalised = NhsNumber.Normalise(nhsNumber!);
        var patient = await db.Patients.AsNoTracking()
            .Include(p => p.Referrals.OrderBy(r => r.ReceivedAt))
            .SingleOrDefaultAsync(p => p.NhsNumber == normalised, cancellationToken);
        db.Audit(user, "patient.read", "patient", normalised, normalised,
            patient is null ? AuditOutcomes.NotFound : AuditOutcomes.Succeeded, clock);
        await db.SaveChangesAsync(cancellationToken);

        return patient is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such patient.", detail: "Care planning has no record of this NHS number.")
            : TypedResults.Ok(PatientCareResponse.From(patient));
    }
}

public sealed record PatientCareResponse(
    string NhsNumber,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string PracticeOds,
    IReadOnlyList<PatientReferralResponse> Referrals)
{
    public static PatientCareResponse From(Patient patient) => new(
        patient.NhsNumber,
        patient.GivenName,
        patient.FamilyName,
        patient.DateOfBirth,
        patient.PracticeOds,
        patient.Referrals.Select(r => new PatientReferralResponse(r.ReferralId, r.Reason, r.Urgency, r.ReceivedAt)).ToList());
}

public sealed record PatientReferralResponse(Guid ReferralId, string Reason, string Urgency, DateTimeOffset ReceivedAt);
