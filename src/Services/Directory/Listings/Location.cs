namespace CareMesh.Directory.Listings;

/// <summary>A place where services are delivered (or a virtual or postal location), owned by one organisation.</summary>
public sealed class Location
{
    public Guid Id { get; init; }
    public Guid OrganisationId { get; set; }
    public LocationType LocationType { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? ExternalIdentifier { get; set; }
    public string? ExternalIdentifierType { get; set; }
    public IReadOnlyList<Address> Addresses { get; set; } = [];
    public IReadOnlyList<Accessibility> Accessibility { get; set; } = [];
    public DateTimeOffset LastModified { get; set; }
    public int Version { get; set; }
}

public enum LocationType
{
    Physical,
    Postal,
    Virtual,
}

/// <summary>A service delivered at a location (Open Referral UK "service_at_location").</summary>
public sealed class ServiceAtLocation
{
    public Guid Id { get; init; }
    public Guid ServiceId { get; init; }
    public Guid LocationId { get; init; }
    public Location? Location { get; init; }
}
