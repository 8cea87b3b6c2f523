using CareMesh.Directory.Data;
using CareMesh.Directory.Postcodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Search;

/// <summary>Coordinators find the right local service for a person.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/directory/search", SearchServices).WithName(nameof(SearchServices)).WithTags("Directory search")
            .RequireAuthorization(CareMeshPolicies.Directory);
        return app;
    }

    public static async Task<Results<Ok<SearchResults>, ValidationProblem>> SearchServices(
        [AsParameters] SearchRequest request, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var criteria = await request.ToCriteriaAsync(db, errors, cancellationToken);
        var termIds = request.TaxonomyTermId is { } termId ? await TermAndNarrowerAsync(db, termId, cancellationToken) : [];
        if (request.TaxonomyTermId is not null && termIds.Count == 0)
        {
            errors["taxonomyTermId"] = [$"There is no taxonomy term {request.TaxonomyTermId}."];
        }

        if (criteria is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The search is not valid.");
        }

        return TypedResults.Ok(await new ServiceSearch(db).RunAsync(criteria, termIds, cancellationToken));
    }

    /// <summary>A need category and every narrower one under it: "Mental health" finds counselling services too.</summary>
    private static async Task<IReadOnlyList<Guid>> TermAndNarrowerAsync(DirectoryDbContext db, Guid termId, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE tree AS (
                SELECT id FROM taxonomy_terms WHERE id = {termId}
                UNION SELECT t.id FROM taxonomy_terms t JOIN tree ON t.parent_id = tree.id
            )
            SELECT id AS "Value" FROM tree
            """).ToListAsync(cancellationToken);
}

/// <param name="Q">Free text: stemmed, ranked, and forgiving of a misspelt word.</param>
/// <param name="RadiusKm">How far from the postcode or point to look (default 10 km, at most 100 km).</param>
/// <param name="Age">The person's age: only services whose age range includes it.</param>
/// <param name="OpenOn">A weekday ("tuesday") or a date (2026-11-24): only services open that day.</param>
public sealed record SearchRequest(
    string? Q,
    Guid? TaxonomyTermId,
    string? Postcode,
    double? Latitude,
    double? Longitude,
    double? RadiusKm,
    int? Age,
    bool? FreeOnly,
    bool? AcceptingReferrals,
    string? OpenOn,
    int? Page,
    int? PageSize)
{
    public async Task<SearchCriteria?> ToCriteriaAsync(DirectoryDbContext db, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var words = SearchCriteria.WordsOf(Q);
        if (!string.IsNullOrWhiteSpace(Q) && words.Count == 0)
        {
            errors["q"] = ["The search text has no words in it."];
        }

        var near = await PlaceQuery.ResolveAsync(Postcode, Latitude, Longitude, db, errors, cancellationToken);

        if (RadiusKm is <= 0 or > SearchCriteria.MaxRadiusKm)
        {
            errors["radiusKm"] = [$"The radius must be more than 0 and at most {SearchCriteria.MaxRadiusKm} km."];
        }
        else if (RadiusKm is not null && near is null && !PlaceQuery.HasFault(errors))
        {
            errors["radiusKm"] = ["A radius needs a postcode or a latitude and longitude to measure from."];
        }

        if (Age is < 0 or > 130)
        {
            errors["age"] = ["The age must be between 0 and 130."];
        }

        DayOfWeek? openOn = null;
        if (!string.IsNullOrWhiteSpace(OpenOn))
        {
            if (SearchCriteria.TryParseDay(OpenOn.Trim(), out var day))
            {
                openOn = day;
            }
            else
            {
                errors["openOn"] = ["Give a day of the week (tuesday) or a date (2026-11-24)."];
            }
        }

        if (Page is < 1)
        {
            errors["page"] = ["The page number starts at 1."];
        }

        if (PageSize is < 1 or > SearchCriteria.MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be between 1 and {SearchCriteria.MaxPageSize}."];
        }

        var anything = words.Count > 0 || TaxonomyTermId is not null || near is not null || Age is not null ||
                       FreeOnly == true || AcceptingReferrals == true || openOn is not null;
        if (!anything && errors.Count == 0)
        {
            errors["q"] = ["Say what you are looking for: words, a need category, a place, or the person's circumstances."];
        }

        return errors.Count > 0
            ? null
            : new SearchCriteria(words, TaxonomyTermId, near, near is null ? null : Postcode?.Trim().ToUpperInvariant(),
                (RadiusKm ?? SearchCriteria.DefaultRadiusKm) * 1000, Age, FreeOnly == true, AcceptingReferrals == true, openOn,
                Page ?? 1, PageSize ?? 20);
    }
}
