namespace CareMesh.Directory.Postcodes;

/// <summary>A live UK postcode and its centroid, from the ONS Postcode Directory.</summary>
public sealed class Postcode
{
    /// <summary>Upper case without spaces: <c>LS29JT</c>.</summary>
    public required string Code { get; init; }

    public double Latitude { get; init; }
    public double Longitude { get; init; }
}
