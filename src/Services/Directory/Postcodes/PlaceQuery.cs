using CareMesh.Directory.Data;
using CareMesh.Directory.Search;

namespace CareMesh.Directory.Postcodes;

/// <summary>Where a caller asks to measure from: a postcode's centroid, or a latitude and longitude.</summary>
public static class PlaceQuery
{
    /// <summary>The point, none if no place was given, or the faults against <c>postcode</c> or <c>latitude</c> in <paramref name="errors"/>.</summary>
    public static async Task<GeoPoint?> ResolveAsync(string? postcode, double? latitude, double? longitude, DirectoryDbContext db,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(postcode))
        {
            if (latitude is not null || longitude is not null)
            {
                errors["postcode"] = ["Give a postcode or a latitude and longitude, not both."];
                return null;
            }

            if (!PostcodeLookup.LooksLikePostcode(postcode))
            {
                errors["postcode"] = [$"'{postcode}' is not a UK postcode."];
                return null;
            }

            var centroid = await PostcodeLookup.FindAsync(db, postcode, cancellationToken);
            if (centroid is null)
            {
                errors["postcode"] = [$"The postcode '{postcode}' is not in the directory's postcode table."];
            }

            return centroid;
        }

        if (latitude is null && longitude is null)
        {
            return null;
        }

        if (latitude is not { } lat || longitude is not { } lon)
        {
            errors["latitude"] = ["Give both latitude and longitude."];
            return null;
        }

        if (!GeoPoint.IsValid(lat, lon))
        {
            errors["latitude"] = ["The latitude must be within ±90 and the longitude within ±180."];
            return null;
        }

        return new GeoPoint(lat, lon);
    }

    /// <summary>Whether a fault was found in the place itself (so a distance without one is not reported twice).</summary>
    public static bool HasFault(Dictionary<string, string[]> errors) => errors.ContainsKey("postcode") || errors.ContainsKey("latitude");
}
