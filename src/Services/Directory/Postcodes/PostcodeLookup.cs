using System.Text.RegularExpressions;
using CareMesh.Directory.Data;
using CareMesh.Directory.Search;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Postcodes;

public static partial class PostcodeLookup
{
    /// <summary>Upper case without spaces, the key postcodes are stored under: <c>ls2 9jt</c> → <c>LS29JT</c>.</summary>
    public static string Normalise(string postcode) => Whitespace().Replace(postcode, "").ToUpperInvariant();

    /// <summary>A UK postcode's shape (outward code, then inward code of digit and two letters).</summary>
    public static bool LooksLikePostcode(string postcode) => Shape().IsMatch(Normalise(postcode));

    public static async Task<GeoPoint?> FindAsync(DirectoryDbContext db, string postcode, CancellationToken cancellationToken)
    {
        var code = Normalise(postcode);
        var found = await db.Postcodes.AsNoTracking().Where(p => p.Code == code)
            .Select(p => new { p.Latitude, p.Longitude }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new GeoPoint(found.Latitude, found.Longitude);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")]
    private static partial Regex Shape();
}
