using System.ComponentModel;
using System.Globalization;
using CareMesh.Referrals.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Reports;

/// <summary>
/// How quickly the team reaches the people referred to it: per month of receipt, the days from a
/// referral to its first successful contact and to its first agreed plan. Counts and days only, no
/// patient data, so a team lead can share it.
/// </summary>
public static class ResponseTimesApi
{
    public const int MaxMonths = 36;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/referrals/reports/response-times", GetResponseTimes).WithName(nameof(GetResponseTimes))
            .WithTags("Reports")
            .RequireAuthorization(CareMeshPolicies.TeamLeads)
            .WithSummary("Days from referral to first contact and to first plan, per month (team leads)")
            .WithDescription($"For the referrals received from from= to to= (UK dates, both included; the twelve months to today by default, at most {MaxMonths} months), " +
                             "grouped by the UK month they were received: how many, and for those contacted and those with an agreed plan the median and 90th " +
                             "percentile of the days taken (interpolated, one decimal). Merged referrals and those entered in error are left out. No patient data.")
            .WithExamples(response: ResponseTimesExamples.Report);
        return app;
    }

    [Microsoft.Extensions.Validation.SkipValidation]
    public sealed record ResponseTimesQuery(
        [property: Description("The first UK date of receipt to include (default: a year before to=).")] DateOnly? From,
        [property: Description("The last UK date of receipt to include (default: today).")] DateOnly? To);

    public static async Task<Results<Ok<ResponseTimesReport>, ValidationProblem>> GetResponseTimes(
        [AsParameters] ResponseTimesQuery query, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var to = query.To ?? UkTime.Today(context.Clock);
        var from = query.From ?? to.AddYears(-1).AddDays(1);
        if (from > to)
        {
            return ServiceProblems.Invalid("query", "from", "The start date must not be after the end date.");
        }

        if (from.AddMonths(MaxMonths) <= to)
        {
            return ServiceProblems.Invalid("query", "to", $"The report covers at most {MaxMonths} months.");
        }

        var (start, end) = (UkTime.At(from, TimeOnly.MinValue).ToUniversalTime(), UkTime.At(to.AddDays(1), TimeOnly.MinValue).ToUniversalTime());
        var referrals = await context.Db.Referrals.AsNoTracking()
            .Where(r => r.ReceivedAt >= start && r.ReceivedAt < end && r.MergedIntoId == null && r.Status != ReferralStatus.EnteredInError)
            .Select(r => new { r.ReceivedAt, r.FirstContactAt, r.PlanAgreedAt })
            .ToListAsync(cancellationToken);
        var months = referrals
            .GroupBy(r => UkTime.DateOf(r.ReceivedAt).ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MonthResponseTimes(g.Key, g.Count(),
                DaysTaken.Of([.. g.Where(r => r.FirstContactAt is not null).Select(r => (r.FirstContactAt!.Value - r.ReceivedAt).TotalDays)]),
                DaysTaken.Of([.. g.Where(r => r.PlanAgreedAt is not null).Select(r => (r.PlanAgreedAt!.Value - r.ReceivedAt).TotalDays)])))
            .ToList();
        return TypedResults.Ok(new ResponseTimesReport(from, to, months));
    }
}

/// <param name="From">The first UK date of receipt included.</param>
/// <param name="To">The last UK date of receipt included.</param>
/// <param name="Months">Each month with referrals received, oldest first.</param>
public sealed record ResponseTimesReport(DateOnly From, DateOnly To, IReadOnlyList<MonthResponseTimes> Months);

/// <param name="Month">The UK month of receipt, as yyyy-MM.</param>
/// <param name="Referrals">Referrals received that month.</param>
/// <param name="FirstContact">Days from receipt to the first successful contact, of those contacted.</param>
/// <param name="FirstPlan">Days from receipt to the first agreed care plan, of those with one.</param>
public sealed record MonthResponseTimes(string Month, int Referrals, DaysTaken FirstContact, DaysTaken FirstPlan);

/// <param name="Count">How many reached it.</param>
/// <param name="MedianDays">Median days taken; null when none has.</param>
/// <param name="P90Days">90th percentile of the days taken; null when none has.</param>
public sealed record DaysTaken(int Count, double? MedianDays, double? P90Days)
{
    public static DaysTaken Of(double[] days)
    {
        Array.Sort(days);
        return new DaysTaken(days.Length, Percentile(days, 0.5), Percentile(days, 0.9));
    }

    /// <summary>The <paramref name="fraction"/> percentile of sorted values, interpolated between neighbours as PostgreSQL's percentile_cont is.</summary>
    public static double? Percentile(double[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var position = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return Math.Round(sorted[below] + (sorted[above] - sorted[below]) * (position - below), 1);
    }
}

internal static class ResponseTimesExamples
{
    public static readonly ResponseTimesReport Report = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28),
    [
        new MonthResponseTimes("2026-01", 42, new DaysTaken(39, 2.1, 6.4), new DaysTaken(31, 16.0, 29.5)),
        new MonthResponseTimes("2026-02", 37, new DaysTaken(33, 1.8, 5.0), new DaysTaken(20, 14.2, 24.9)),
    ]);
}
