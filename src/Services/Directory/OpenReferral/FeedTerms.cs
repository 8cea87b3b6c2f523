using CareMesh.Directory.Data;
using CareMesh.Directory.Listings;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.OpenReferral;

public static class FeedTerms
{
    /// <summary>The taxonomy terms the given services are categorised by, with their taxonomies' names.</summary>
    public static async Task<TermLookup> ForAsync(DirectoryDbContext db, IEnumerable<Service> services, CancellationToken cancellationToken)
    {
        var ids = services.SelectMany(s => s.TaxonomyTermIds).Distinct().ToArray();
        if (ids.Length == 0)
        {
            return TermLookup.Empty;
        }

        var terms = await db.TaxonomyTerms.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { Term = t, Taxonomy = db.Taxonomies.Where(x => x.Id == t.TaxonomyId).Select(x => x.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return new TermLookup(terms.ToDictionary(t => t.Term.Id, t => OrukMapper.Term(t.Term, t.Taxonomy)));
    }
}
