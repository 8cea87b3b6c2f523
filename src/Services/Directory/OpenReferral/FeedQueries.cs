using CareMesh.Directory.Data;
using CareMesh.Directory.Listings;
using CareMesh.Directory.Search;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace CareMesh.Directory.OpenReferral;

/// <summary>The page a caller asked for; the standard numbers pages from 1.</summary>
public sealed record PageRequest(int Number, int Size)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 1000;

    public int Skip => OffsetOf(Number, Size);

    /// <summary>
    /// How many items come before page <paramref name="number"/>, worked out without overflowing: a page
    /// far past the end skips everything and is empty, as any page past the end is.
    /// </summary>
    public static int OffsetOf(int number, int size) => (int)Math.Min(((long)number - 1) * size, int.MaxValue);

    /// <summary>Reads <c>page</c> and <c>per_page</c>, or says what is wrong with them.</summary>
    public static PageRequest? From(int? page, int? perPage, Dictionary<string, string[]> errors)
    {
        if (page is < 1)
        {
            errors["page"] = ["The page number starts at 1."];
        }

        if (perPage is < 1 or > MaxSize)
        {
            errors["per_page"] = [$"per_page must be between 1 and {MaxSize}."];
        }

        return errors.Count > 0 ? null : new PageRequest(page ?? 1, perPage ?? DefaultSize);
    }

    public OrukPage<T> Of<T>(int totalItems, IReadOnlyList<T> contents)
    {
        var totalPages = (int)Math.Ceiling(totalItems / (double)Size);
        return new OrukPage<T>(totalItems, totalPages, Number, contents.Count, Number == 1, Number >= totalPages, contents.Count == 0, contents);
    }
}

/// <summary>The filters the feed's service lists share, combined with AND.</summary>
public sealed record ServiceFilter(string? Search, Guid? TaxonomyTermId, Guid? TaxonomyId, Guid? OrganisationId, DateTimeOffset? ModifiedAfter)
{
    /// <summary>No filter given: every listed service.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Search) && TaxonomyTermId is null && TaxonomyId is null && OrganisationId is null && ModifiedAfter is null;

    /// <summary>Listed services (active, public, not withdrawn) that pass every filter given.</summary>
    public async Task<IQueryable<Service>> ApplyAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var services = db.Services.Where(Service.Listed);
        if (OrganisationId is { } organisationId)
        {
            services = services.Where(s => s.OrganisationId == organisationId);
        }

        if (TaxonomyTermId is { } termId)
        {
            Guid[] wanted = [termId];
            services = services.Where(s => wanted.All(id => s.TaxonomyTermIds.Contains(id)));
        }

        if (TaxonomyId is { } taxonomyId)
        {
            var terms = await db.TaxonomyTerms.Where(t => t.TaxonomyId == taxonomyId).Select(t => t.Id).ToArrayAsync(cancellationToken);
            services = services.Where(s => s.TaxonomyTermIds.Any(id => terms.Contains(id)));
        }

        if (ModifiedAfter is { } modifiedAfter)
        {
            // timestamptz takes UTC only: the same instant, whatever offset the caller wrote it in.
            var since = modifiedAfter.ToUniversalTime();
            services = services.Where(s => s.LastModified >= since);
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            services = services.Where(s => EF.Property<NpgsqlTsVector>(s, "SearchVector").Matches(EF.Functions.WebSearchToTsQuery("english", Search)));
        }

        return services;
    }
}

/// <summary>A point to measure from, and optionally how far from it to look (metres).</summary>
public sealed record Proximity(GeoPoint Point, double? WithinMetres);
