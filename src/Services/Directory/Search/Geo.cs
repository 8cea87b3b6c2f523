namespace CareMesh.Directory.Search;

/// <summary>A point on the earth in WGS84 degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double MetresPerDegreeLatitude = 111_320;

    public static bool IsValid(double latitude, double longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    /// <summary>
    /// A latitude/longitude box that holds every point within <paramref name="metres"/>: the cheap,
    /// indexed first cut of a proximity search, refined by the exact distance.
    /// </summary>
    public GeoBox BoxAround(double metres)
    {
        var dLat = metres / MetresPerDegreeLatitude;
        // Measured at the box's edge furthest from the equator, where a degree of longitude is shortest,
        // so nothing inside the radius falls outside the box.
        var cosLat = Math.Max(0.01, Math.Cos(double.DegreesToRadians(Math.Min(89, Math.Abs(Latitude) + dLat))));
        var dLon = metres / (MetresPerDegreeLatitude * cosLat);
        return new GeoBox(Latitude - dLat, Longitude - dLon, Latitude + dLat, Longitude + dLon);
    }
}

public readonly record struct GeoBox(double South, double West, double North, double East);

/// <summary>
/// SQL functions (created by the Listings migration) that queries call through EF Core. Both are
/// simple SQL functions that PostgreSQL inlines, so <see cref="InsideBox"/> uses the
/// <c>ix_locations_position</c> GiST index.
/// </summary>
public static class GeoSql
{
    /// <summary>Great-circle (haversine) distance in metres; within 0.5% of the ellipsoidal distance.</summary>
    public static double DistanceMetres(double latitude1, double longitude1, double latitude2, double longitude2) =>
        throw new InvalidOperationException("Runs in the database only.");

    public static bool InsideBox(double latitude, double longitude, double south, double west, double north, double east) =>
        throw new InvalidOperationException("Runs in the database only.");

    public const string CreateFunctions = """
        CREATE FUNCTION geo_distance_metres(latitude1 double precision, longitude1 double precision, latitude2 double precision, longitude2 double precision)
        RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT 2 * 6371008.8 * asin(least(1, sqrt(
                power(sin(radians(latitude2 - latitude1) / 2), 2) +
                cos(radians(latitude1)) * cos(radians(latitude2)) * power(sin(radians(longitude2 - longitude1) / 2), 2))))
        $$;
        CREATE FUNCTION geo_inside_box(latitude double precision, longitude double precision, south double precision, west double precision, north double precision, east double precision)
        RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT point(longitude, latitude) <@ box(point(west, south), point(east, north))
        $$;
        CREATE INDEX ix_locations_position ON locations USING gist (point(longitude, latitude));
        """;

    public const string DropFunctions = """
        DROP INDEX ix_locations_position;
        DROP FUNCTION geo_inside_box;
        DROP FUNCTION geo_distance_metres;
        """;
}
