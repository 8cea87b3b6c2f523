using CareMesh.Directory.Listings;
using CareMesh.Directory.OpenReferral;

namespace CareMesh.Directory.Management;

// What the management API answers with: the whole listing in CareMesh's own camelCase shapes, with
// its version (also sent as the ETag) and whether it is due for re-verification.

public sealed record OrganisationListing(
    Guid Id,
    string Name,
    string Description,
    string? Email,
    string? Website,
    string? Logo,
    string? Uri,
    Guid? ParentOrganisationId,
    IReadOnlyList<OrganisationIdentifier> Identifiers,
    DateTimeOffset LastModified,
    int Version)
{
    public static OrganisationListing From(Organisation o) =>
        new(o.Id, o.Name, o.Description, o.Email, o.Website, o.Logo, o.Uri, o.ParentOrganisationId, o.Identifiers, o.LastModified, o.Version);
}

public sealed record ServiceListing(
    Guid Id,
    Guid OrganisationId,
    string Name,
    string? Description,
    string? Url,
    string? Email,
    string Status,
    bool IsPublic,
    bool IsListed,
    string? Accreditations,
    int? MinimumAge,
    int? MaximumAge,
    string? EligibilityDescription,
    DateOnly? AssuredDate,
    string? AssurerEmail,
    string? Alert,
    Capacity Capacity,
    int? TypicalWaitWeeks,
    ReferralRoute ReferralRoute,
    IReadOnlyList<Guid> TaxonomyTermIds,
    IReadOnlyList<Guid> LocationIds,
    IReadOnlyList<Contact> Contacts,
    IReadOnlyList<Schedule> Schedules,
    IReadOnlyList<CostOption> CostOptions,
    IReadOnlyList<ServiceArea> ServiceAreas,
    IReadOnlyList<Language> Languages,
    IReadOnlyList<Funding> Funding,
    DateTimeOffset? VerifiedAt,
    string? VerifiedBy,
    bool DueForVerification,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawnReason,
    DateTimeOffset LastModified,
    int Version)
{
    public static ServiceListing From(Service s, DateTimeOffset now, TimeSpan verifyEvery) => new(
        s.Id, s.OrganisationId, s.Name, s.Description, s.Url, s.Email, OrukMapper.StatusName(s.Status), s.IsPublic, s.IsListed,
        s.Accreditations, s.MinimumAge, s.MaximumAge, s.EligibilityDescription, s.AssuredDate, s.AssurerEmail, s.Alert,
        s.Capacity, s.TypicalWaitWeeks, s.ReferralRoute, s.TaxonomyTermIds, [.. s.ServiceAtLocations.Select(sal => sal.LocationId)],
        s.Contacts, s.Schedules, s.CostOptions, s.ServiceAreas, s.Languages, s.Funding,
        s.VerifiedAt, s.VerifiedBy, s.IsDueForVerification(now, verifyEvery), s.WithdrawnAt, s.WithdrawnReason, s.LastModified, s.Version);
}

public sealed record LocationListing(
    Guid Id,
    Guid OrganisationId,
    LocationType LocationType,
    string? Name,
    string? Description,
    double? Latitude,
    double? Longitude,
    string? ExternalIdentifier,
    string? ExternalIdentifierType,
    IReadOnlyList<Address> Addresses,
    IReadOnlyList<Accessibility> Accessibility,
    DateTimeOffset LastModified,
    int Version)
{
    public static LocationListing From(Location l) => new(l.Id, l.OrganisationId, l.LocationType, l.Name, l.Description, l.Latitude, l.Longitude,
        l.ExternalIdentifier, l.ExternalIdentifierType, l.Addresses, l.Accessibility, l.LastModified, l.Version);
}

/// <summary>A listing due for re-verification: when it was last confirmed correct, and by whom.</summary>
public sealed record VerificationDue(Guid ServiceId, string Name, DateTimeOffset? VerifiedAt, string? VerifiedBy, DateTimeOffset LastModified);

public sealed record ListingVersion(int Version, string Change, string ChangedBy, string? ChangedByRole, string? ChangedByOrganisation, DateTimeOffset ChangedAt);
