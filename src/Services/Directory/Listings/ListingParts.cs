using System.ComponentModel.DataAnnotations;
using CareMesh.Directory.Management;

namespace CareMesh.Directory.Listings;

// The parts of a listing that are only ever read and written with it. They are stored as JSON
// beside their listing, so a whole service reads in one row; their ids are kept because the Open
// Referral UK feed publishes them. The attributes are the rules a request's parts are held to
// (ListingRules); the limits leave room for what real directories publish.

/// <summary>A named person or role to contact about a service, with their phone numbers.</summary>
public sealed record Contact(
    Guid Id,
    [property: Text(300)] [Display(Name = "contact's name")] string? Name,
    [property: Text(300)] [Display(Name = "contact's title")] string? Title,
    [property: Email] [Display(Name = "contact's email address")] string? Email,
    [property: Items(20)] [Display(Name = "contact's phone numbers")] IReadOnlyList<Phone> Phones) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Title))
        {
            yield return new ValidationResult("A contact has a name or a title.", [nameof(Name)]);
        }
    }
}

public sealed record Phone(
    Guid Id,
    [property: Required, Text(40), ServicePhone] [Display(Name = "phone number")] string Number,
    [property: Text(500)] [Display(Name = "phone number's description")] string? Description);

/// <summary>
/// When a service is open: an RFC 5545 style weekly or monthly rule (<c>byday</c> like <c>MO,TU</c>),
/// with opening and closing times of day (UK local time).
/// </summary>
public sealed record Schedule(
    Guid Id,
    [property: Required, AllowedValues("WEEKLY", "MONTHLY", ErrorMessage = "The frequency must be WEEKLY or MONTHLY.")] [Display(Name = "frequency")] string Freq,
    [property: Range(1, 99, ErrorMessage = "The {0} must be from {1} to {2}.")] [Display(Name = "interval")] int? Interval,
    [property: Text(100), RegularExpression(Schedule.DaysPattern, ErrorMessage = "Days are two-letter codes separated by commas (MO,TU,WE,TH,FR,SA,SU), optionally after an ordinal such as 1MO or -1FR.")]
    [Display(Name = "days of the week")] string? ByDay,
    [property: Text(100), RegularExpression(Schedule.MonthDaysPattern, ErrorMessage = "Days of the month are numbers from 1 to 31 (or -1 to -31 from the end), separated by commas.")]
    [Display(Name = "days of the month")] string? ByMonthDay,
    TimeOnly? OpensAt,
    TimeOnly? ClosesAt,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    [property: Text(2000)] [Display(Name = "schedule's description")] string? Description,
    [property: Text(100)] [Display(Name = "attending type")] string? AttendingType,
    [property: Text(2000)] [Display(Name = "schedule's notes")] string? Notes) : IValidatableObject
{
    /// <summary>RFC 5545 <c>BYDAY</c> entries (<see cref="OpeningDays.TryParseDay"/>): a day code, optionally after an ordinal.</summary>
    public const string DaysPattern = @"^\s*[+-]?[0-9]{0,2}(?:[Mm][Oo]|[Tt][Uu]|[Ww][Ee]|[Tt][Hh]|[Ff][Rr]|[Ss][Aa]|[Ss][Uu])\s*(?:,\s*[+-]?[0-9]{0,2}(?:[Mm][Oo]|[Tt][Uu]|[Ww][Ee]|[Tt][Hh]|[Ff][Rr]|[Ss][Aa]|[Ss][Uu])\s*)*$";

    /// <summary>RFC 5545 <c>BYMONTHDAY</c> entries: 1 to 31, or -1 to -31 counting from the month's end.</summary>
    public const string MonthDaysPattern = @"^\s*[+-]?(?:0?[1-9]|[12][0-9]|3[01])\s*(?:,\s*[+-]?(?:0?[1-9]|[12][0-9]|3[01])\s*)*$";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Freq == "MONTHLY" && ByDay is null && ByMonthDay is null)
        {
            yield return new ValidationResult("A monthly schedule names the days of the month (byMonthDay) or of the week (byDay) it falls on.", [nameof(ByMonthDay)]);
        }

        if ((OpensAt is null) != (ClosesAt is null))
        {
            yield return new ValidationResult("Give both the opening and the closing time, or neither.", [nameof(ClosesAt)]);
        }
        else if (OpensAt >= ClosesAt)
        {
            yield return new ValidationResult("The closing time must be after the opening time.", [nameof(ClosesAt)]);
        }

        if (ValidFrom > ValidTo)
        {
            yield return new ValidationResult("The end date must not be before the start date.", [nameof(ValidTo)]);
        }
    }
}

/// <summary>What using a service costs; a service with no cost options, or only zero amounts, is free.</summary>
public sealed record CostOption(
    Guid Id,
    [property: Text(300)] [Display(Name = "cost option")] string? Option,
    [property: Range(0, 1_000_000, ErrorMessage = "The {0} must be from {1} to {2}.")] [Display(Name = "amount")] decimal? Amount,
    [property: Text(2000)] [Display(Name = "amount's description")] string? AmountDescription,
    DateOnly? ValidFrom,
    DateOnly? ValidTo) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ValidFrom > ValidTo)
        {
            yield return new ValidationResult("The end date must not be before the start date.", [nameof(ValidTo)]);
        }
    }
}

/// <summary>Where a service is offered, described in words (and an extent, e.g. GeoJSON, when one is known).</summary>
public sealed record ServiceArea(
    Guid Id,
    [property: Text(300)] [Display(Name = "service area's name")] string? Name,
    [property: Text(2000)] [Display(Name = "service area's description")] string? Description,
    [property: Text(ServiceArea.MaxExtentLength)] [Display(Name = "extent")] string? Extent,
    [property: Text(100)] [Display(Name = "extent type")] string? ExtentType,
    [property: Text(2000)] [Display(Name = "service area's URI")] string? Uri) : IValidatableObject
{
    /// <summary>Room for a GeoJSON outline of a PCN's area at street level.</summary>
    public const int MaxExtentLength = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Description))
        {
            yield return new ValidationResult("A service area has a name or a description.", [nameof(Name)]);
        }
    }
}

/// <summary>A language the service is delivered in, by name and ISO 639 code.</summary>
public sealed record Language(
    Guid Id,
    [property: Required, Text(100)] [Display(Name = "language's name")] string Name,
    [property: RegularExpression("^[a-z]{2,3}$", ErrorMessage = "The language code is an ISO 639 code of two or three lower-case letters, such as en or pa.")] string? Code);

public sealed record Funding(Guid Id, [property: Required, Text(1000)] [Display(Name = "funding source")] string Source);

public sealed record Address(
    Guid Id,
    [property: Required, Text(300)] [Display(Name = "first line of the address")] string Address1,
    [property: Required, Text(100)] [Display(Name = "town or city")] string City,
    [property: Text(100)] [Display(Name = "region")] string? Region,
    [property: Required, Text(100)] [Display(Name = "county")] string StateProvince,
    [property: Required, Text(10)] [Display(Name = "postcode")] string PostalCode,
    [property: Required, Text(2)] [Display(Name = "country")] string Country,
    [property: Required, AllowedValues("physical", "postal", "virtual", ErrorMessage = "The address type must be one of: physical, postal, virtual.")]
    [Display(Name = "address type")] string AddressType,
    [property: Text(300)] [Display(Name = "attention line")] string? Attention);

/// <summary>What a location offers for access needs (step-free access, hearing loop...).</summary>
public sealed record Accessibility(
    Guid Id,
    [property: Text(2000)] [Display(Name = "accessibility description")] string? Description,
    [property: Text(2000)] [Display(Name = "accessibility details")] string? Details,
    [property: WebAddress] [Display(Name = "accessibility web address")] string? Url);

/// <summary>An identifier of an organisation in another scheme: a charity number, a Companies House number, an ODS code.</summary>
public sealed record OrganisationIdentifier(
    Guid Id,
    [property: Required, Text(100)] [Display(Name = "identifier type")] string IdentifierType,
    [property: Required, Text(100)] [Display(Name = "identifier")] string Identifier,
    [property: Text(100)] [Display(Name = "identifier scheme")] string? IdentifierScheme);
