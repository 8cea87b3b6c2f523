using System.Globalization;
using CareMesh.Directory.Data;
using CareMesh.Directory.Management;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Demand;

/// <summary>How many referrals were sent to an organisation's services each month: for partners planning capacity and for commissioners.</summary>
public static class DemandApi
{
    public static IEndpointRouteBuilder MapDemandApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/directory/organisations/{id:guid}/demand", GetDemand).WithName(nameof(GetDemand)).WithTags("Directory demand")
            .RequireAuthorization(CareMeshPolicies.Directory);
        return app;
    }

    /// <param name="from">First month, <c>yyyy-MM</c> (default: eleven months before <paramref name="to"/>).</param>
    /// <param name="to">Last month, <c>yyyy-MM</c> (default: this month).</param>
    public static async Task<Results<Ok<OrganisationDemand>, ValidationProblem, ProblemHttpResult>> GetDemand(
        Guid id, string? from, string? to, [AsParameters] ListingContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var last = Month(to, "to", errors) ?? DemandMonths.Of(context.Now);
        var first = Month(from, "from", errors) ?? last.AddMonths(-11);
        if (first > last)
        {
            errors["from"] = ["The first month must not be after the last."];
        }
        else if (first.AddYears(5) <= last)
        {
            errors["from"] = ["Ask for at most five years at a time."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The period is not valid.");
        }

        if (!await context.Db.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return ListingProblems.NotFound("organisation", id);
        }

        // Staff see every organisation's demand; a partner sees its own.
        if (context.User.Role() == CareMeshRoles.VcsPartner && !ListingPermissions.CanManage(context.User, id))
        {
            return ListingProblems.NotYours("organisation");
        }

        var services = await context.Db.Services.AsNoTracking().Where(s => s.OrganisationId == id)
            .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var serviceIds = services.Select(s => s.Id).ToArray();
        var counts = await context.Db.ServiceDemand.AsNoTracking()
            .Where(d => serviceIds.Contains(d.ServiceId) && d.Month >= first && d.Month <= last)
            .ToListAsync(cancellationToken);
        var months = Enumerable.Range(0, (last.Year - first.Year) * 12 + last.Month - first.Month + 1).Select(first.AddMonths).ToList();
        var byService = services.Select(s => new ServiceDemandSeries(s.Id, s.Name, [.. months.Select(month =>
            new MonthlyReferrals(month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                counts.SingleOrDefault(c => c.ServiceId == s.Id && c.Month == month)?.ReferralsSent ?? 0))])).ToList();
        return TypedResults.Ok(new OrganisationDemand(id, byService));
    }

    private static DateOnly? Month(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month;
        }

        errors[field] = ["Give a month as yyyy-MM, such as 2026-11."];
        return null;
    }
}

public sealed record OrganisationDemand(Guid OrganisationId, IReadOnlyList<ServiceDemandSeries> Services);

public sealed record ServiceDemandSeries(Guid ServiceId, string Name, IReadOnlyList<MonthlyReferrals> Months);

public sealed record MonthlyReferrals(string Month, int ReferralsSent);
