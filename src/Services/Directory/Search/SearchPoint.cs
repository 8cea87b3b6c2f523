using NpgsqlTypes;

namespace CareMesh.Directory.Search;

/// <summary>
/// One listed service at one located place, with what a search near a point filters on, copied from
/// the service beside the place's position. Proximity search reads these rows alone, through one
/// GiST index on position and words, instead of joining every place in the circle to its services.
/// Database triggers keep the table in step with services, locations and service-at-locations
/// (<see cref="SearchPointsSql"/>); no code writes it.
/// </summary>
public sealed class SearchPoint
{
    public Guid ServiceId { get; init; }
    public Guid LocationId { get; init; }

    /// <summary>(longitude, latitude).</summary>
    public NpgsqlPoint Position { get; init; }

    public NpgsqlTsVector SearchVector { get; init; } = null!;
    public Guid[] TaxonomyTermIds { get; init; } = [];
    public int? MinimumAge { get; init; }
    public int? MaximumAge { get; init; }
    public bool IsFree { get; init; }
    public string Capacity { get; init; } = "";
    public short OpenDays { get; init; }
}
