namespace CareMesh.Directory.Listings;

// The parts of a listing that are only ever read and written with it. They are stored as JSON
// beside their listing, so a whole service reads in one row; their ids are kept because the Open
// Referral UK feed publishes them.

/// <summary>A named person or role to contact about a service, with their phone numbers.</summary>
public sealed record Contact(Guid Id, string? Name, string? Title, string? Email, IReadOnlyList<Phone> Phones);

public sealed record Phone(Guid Id, string Number, string? Description);

/// <summary>
/// When a service is open: an RFC 5545 style weekly or monthly rule (<c>byday</c> like <c>MO,TU</c>),
/// with opening and closing times of day (UK local time).
/// </summary>
public sealed record Schedule(
    Guid Id,
    string Freq,
    int? Interval,
    string? ByDay,
    string? ByMonthDay,
    TimeOnly? OpensAt,
    TimeOnly? ClosesAt,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string? Description,
    string? AttendingType,
    string? Notes);

/// <summary>What using a service costs; a service with no cost options, or only zero amounts, is free.</summary>
public sealed record CostOption(Guid Id, string? Option, decimal? Amount, string? AmountDescription, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>Where a service is offered, described in words (and an extent, e.g. GeoJSON, when one is known).</summary>
public sealed record ServiceArea(Guid Id, string? Name, string? Description, string? Extent, string? ExtentType, string? Uri);

/// <summary>A language the service is delivered in, by name and ISO 639 code.</summary>
public sealed record Language(Guid Id, string Name, string? Code);

public sealed record Funding(Guid Id, string Source);

public sealed record Address(
    Guid Id,
    string Address1,
    string City,
    string? Region,
    string StateProvince,
    string PostalCode,
    string Country,
    string AddressType,
    string? Attention);

/// <summary>What a location offers for access needs (step-free access, hearing loop...).</summary>
public sealed record Accessibility(Guid Id, string? Description, string? Details, string? Url);

/// <summary>An identifier of an organisation in another scheme: a charity number, a Companies House number, an ODS code.</summary>
public sealed record OrganisationIdentifier(Guid Id, string IdentifierType, string Identifier, string? IdentifierScheme);
