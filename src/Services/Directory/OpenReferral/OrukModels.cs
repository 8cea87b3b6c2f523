using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareMesh.Directory.OpenReferral;

// The Open Referral UK 3.0 shapes, as ../shared/standards/oruk-3.0/schema defines them. Property names
// follow the standard's snake_case (OrukJson.Options); optional fields that have no value are left
// out, never written as null. Contacts also carry email and phones, and languages their name and
// code, as HSDS 3.0 defines them: the UK schemas leave these out but allow them.

public static class OrukJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>The standard's page envelope around every list.</summary>
public sealed record OrukPage<T>(
    int TotalItems,
    int TotalPages,
    int PageNumber,
    int Size,
    bool FirstPage,
    bool LastPage,
    bool Empty,
    IReadOnlyList<T> Contents);

public sealed record OrukService(
    Guid Id,
    Guid? OrganizationId,
    string Name,
    string? Description,
    string? Url,
    string? Email,
    string Status,
    string? Accreditations,
    int? MinimumAge,
    int? MaximumAge,
    string? AssuredDate,
    string? AssurerEmail,
    string? Alert,
    DateTimeOffset? LastModified,
    OrukOrganization? Organization = null,
    IReadOnlyList<OrukSchedule>? Schedules = null,
    IReadOnlyList<OrukServiceArea>? ServiceAreas = null,
    IReadOnlyList<OrukServiceAtLocation>? ServiceAtLocations = null,
    IReadOnlyList<OrukLanguage>? Languages = null,
    IReadOnlyList<OrukFunding>? Funding = null,
    IReadOnlyList<OrukCostOption>? CostOptions = null,
    IReadOnlyList<OrukContact>? Contacts = null,
    IReadOnlyList<OrukAttribute>? Attributes = null);

public sealed record OrukOrganization(
    Guid Id,
    string Name,
    string Description,
    string? Email,
    string? Website,
    string? Logo,
    string? Uri,
    Guid? ParentOrganizationId,
    IReadOnlyList<OrukOrganizationIdentifier>? OrganizationIdentifiers = null,
    IReadOnlyList<OrukService>? Services = null);

public sealed record OrukOrganizationIdentifier(Guid Id, Guid OrganizationId, string? IdentifierScheme, string IdentifierType, string Identifier);

public sealed record OrukSchedule(
    Guid Id,
    Guid? ServiceId,
    string? ValidFrom,
    string? ValidTo,
    string? Freq,
    int? Interval,
    string? Byday,
    string? Bymonthday,
    string? Description,
    string? OpensAt,
    string? ClosesAt,
    string? AttendingType,
    string? Notes);

public sealed record OrukServiceArea(Guid Id, Guid ServiceId, string? Name, string? Extent, string? ExtentType, string? Uri, string? ServiceArea);

public sealed record OrukLanguage(Guid Id, Guid ServiceId, string? Name, string? Code);

public sealed record OrukFunding(Guid Id, Guid ServiceId, string Source);

public sealed record OrukCostOption(Guid Id, Guid ServiceId, string? ValidFrom, string? ValidTo, string? Option, decimal? Amount, string? AmountDescription);

public sealed record OrukContact(Guid Id, Guid ServiceId, string? Name, string? Title, string? Email, IReadOnlyList<OrukPhone>? Phones);

public sealed record OrukPhone(Guid Id, Guid ContactId, string Number, string? Description);

public sealed record OrukAttribute(Guid Id, Guid LinkId, Guid TaxonomyTermId, string LinkType, OrukTaxonomyTerm TaxonomyTerm);

public sealed record OrukServiceAtLocation(Guid Id, Guid ServiceId, Guid LocationId, OrukLocation? Location, OrukService? Service = null);

public sealed record OrukLocation(
    Guid Id,
    string LocationType,
    string? Name,
    string? Description,
    double? Latitude,
    double? Longitude,
    string? ExternalIdentifier,
    string? ExternalIdentifierType,
    IReadOnlyList<OrukAddress>? Addresses,
    IReadOnlyList<OrukAccessibility>? Accessibility);

public sealed record OrukAddress(
    Guid Id,
    Guid LocationId,
    string? Attention,
    [property: JsonPropertyName("address_1")] string Address1,
    string City,
    string? Region,
    string StateProvince,
    string PostalCode,
    string Country,
    string AddressType);

public sealed record OrukAccessibility(Guid Id, Guid LocationId, string? Description, string? Details, string? Url);

public sealed record OrukTaxonomy(Guid Id, string Name, string Description, string? Uri, string? Version, IReadOnlyList<OrukTaxonomyTerm>? TaxonomyTerms = null);

public sealed record OrukTaxonomyTerm(
    Guid Id,
    string Name,
    string Description,
    Guid? ParentId,
    string? Taxonomy,
    Guid? TaxonomyId,
    string? TermUri,
    string? Term);
