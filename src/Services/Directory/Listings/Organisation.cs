namespace CareMesh.Directory.Listings;

/// <summary>
/// An organisation that provides services listed in the directory (Open Referral UK "organization"):
/// a VCS partner, the council, an NHS provider. A VCS partner's token names its organisation's id.
/// </summary>
public sealed class Organisation
{
    public const int MaxNameLength = 300;

    public Guid Id { get; init; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public string? Logo { get; set; }
    public string? Uri { get; set; }
    public Guid? ParentOrganisationId { get; set; }
    public IReadOnlyList<OrganisationIdentifier> Identifiers { get; set; } = [];
    public DateTimeOffset LastModified { get; set; }
    public int Version { get; set; }
}
