using System.Text.Json;

namespace CareMesh.Directory.Listings;

/// <summary>
/// One version of a listing (organisation, service or location): what it was after the change, who
/// made the change and when. Rows are only ever added.
/// </summary>
public sealed class ListingChange
{
    public long Id { get; init; }
    public required string ListingType { get; init; }
    public Guid ListingId { get; init; }
    public int Version { get; init; }

    /// <summary><c>created</c>, <c>updated</c>, <c>verified</c>, <c>withdrawn</c>, <c>imported</c>.</summary>
    public required string Change { get; init; }

    public required string ChangedBy { get; init; }
    public string? ChangedByRole { get; init; }
    public string? ChangedByOrganisation { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    public required JsonDocument Snapshot { get; init; }
}
