using System.ComponentModel.DataAnnotations;
using CareMesh.Directory.Listings;
using CareMesh.Directory.OpenReferral;

namespace CareMesh.Directory.Management;

// The bodies of the management API's writes. Every field is optional here so that validation, not
// deserialisation, reports each one that is missing; the attributes are the rules, checked before the
// handler runs (and on every imported listing, ListingRules.Check) and shown in the OpenAPI document.
// Parts without an id get a new one.

public sealed record OrganisationRequest(
    [property: Required, Text(Organisation.MaxNameLength)] [Display(Name = "name")] string? Name,
    [property: Required, Text(Service.MaxDescriptionLength)] [Display(Name = "description")] string? Description,
    [property: Email] [Display(Name = "email address")] string? Email,
    [property: WebAddress] [Display(Name = "website")] string? Website,
    [property: WebAddress] [Display(Name = "logo's web address")] string? Logo,
    [property: WebAddress] [Display(Name = "organisation's URI")] string? Uri,
    Guid? ParentOrganisationId,
    [property: Items(50)] [Display(Name = "identifiers")] IReadOnlyList<OrganisationIdentifier>? Identifiers)
{
    public void ApplyTo(Organisation organisation)
    {
        organisation.Name = Name!.Trim();
        organisation.Description = Description!.Trim();
        organisation.Email = Blank(Email);
        organisation.Website = Blank(Website);
        organisation.Logo = Blank(Logo);
        organisation.Uri = Blank(Uri);
        organisation.ParentOrganisationId = ParentOrganisationId;
        organisation.Identifiers = [.. (Identifiers ?? []).Select(x => x with { Id = NewIdIfNone(x.Id) })];
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static Guid NewIdIfNone(Guid id) => id == Guid.Empty ? Guid.CreateVersion7() : id;
}

public sealed record ServiceRequest(
    [property: Required(ErrorMessage = "The organisation that provides the service is required.")] Guid? OrganisationId,
    [property: Required, Text(Service.MaxNameLength)] [Display(Name = "name")] string? Name,
    [property: Text(Service.MaxDescriptionLength)] [Display(Name = "description")] string? Description,
    [property: WebAddress] [Display(Name = "web address")] string? Url,
    [property: Email] [Display(Name = "email address")] string? Email,
    [property: Required, ServiceStatus] [Display(Name = "status")] string? Status,
    bool? IsPublic,
    [property: Text(2000)] [Display(Name = "accreditations")] string? Accreditations,
    [property: Range(0, ListingRules.MaxAge, ErrorMessage = "The {0} must be between {1} and {2}.")] [Display(Name = "minimum age")] int? MinimumAge,
    [property: Range(0, ListingRules.MaxAge, ErrorMessage = "The {0} must be between {1} and {2}.")] [Display(Name = "maximum age")] int? MaximumAge,
    [property: Text(2000)] [Display(Name = "eligibility description")] string? EligibilityDescription,
    DateOnly? AssuredDate,
    [property: Email] [Display(Name = "assurer's email address")] string? AssurerEmail,
    [property: Text(2000)] [Display(Name = "alert")] string? Alert,
    [property: Required, OneOf<Capacity>] [Display(Name = "capacity")] string? Capacity,
    [property: Range(0, ListingRules.MaxWaitWeeks, ErrorMessage = "The typical wait must be between {1} and {2} weeks.")] [Display(Name = "typical wait")] int? TypicalWaitWeeks,
    [property: Required, OneOf<ReferralRoute>] [Display(Name = "referral route")] string? ReferralRoute,
    [property: Items(100)] [Display(Name = "taxonomy terms")] IReadOnlyList<Guid>? TaxonomyTermIds,
    [property: Items(50)] [Display(Name = "locations")] IReadOnlyList<Guid>? LocationIds,
    [property: Items(20)] [Display(Name = "contacts")] IReadOnlyList<Contact>? Contacts,
    [property: Items(50)] [Display(Name = "schedules")] IReadOnlyList<Schedule>? Schedules,
    [property: Items(20)] [Display(Name = "cost options")] IReadOnlyList<CostOption>? CostOptions,
    [property: Items(50)] [Display(Name = "service areas")] IReadOnlyList<ServiceArea>? ServiceAreas,
    [property: Items(50)] [Display(Name = "languages")] IReadOnlyList<Language>? Languages,
    [property: Items(20)] [Display(Name = "funding")] IReadOnlyList<Funding>? Funding) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OrganisationId == Guid.Empty)
        {
            yield return new ValidationResult("The organisation that provides the service is required.", [nameof(OrganisationId)]);
        }

        if (MinimumAge > MaximumAge)
        {
            yield return new ValidationResult("The maximum age must not be below the minimum age.", [nameof(MaximumAge)]);
        }

        if (WireEnum.TryParse<Capacity>(Capacity, out var capacity) && capacity == Listings.Capacity.WaitingList && TypicalWaitWeeks is null)
        {
            yield return new ValidationResult("A service with a waiting list says its typical wait in weeks.", [nameof(TypicalWaitWeeks)]);
        }
    }

    /// <summary>Copies a validated request onto the service; the caller refreshes its search columns.</summary>
    public void ApplyTo(Service service)
    {
        service.OrganisationId = OrganisationId!.Value;
        service.Name = Name!.Trim();
        service.Description = OrganisationRequest.Blank(Description);
        service.Url = OrganisationRequest.Blank(Url);
        service.Email = OrganisationRequest.Blank(Email);
        OrukMapper.TryParseStatus(Status, out var status);
        service.Status = status;
        service.IsPublic = IsPublic ?? true;
        service.Accreditations = OrganisationRequest.Blank(Accreditations);
        service.MinimumAge = MinimumAge;
        service.MaximumAge = MaximumAge;
        service.EligibilityDescription = OrganisationRequest.Blank(EligibilityDescription);
        service.AssuredDate = AssuredDate;
        service.AssurerEmail = OrganisationRequest.Blank(AssurerEmail);
        service.Alert = OrganisationRequest.Blank(Alert);
        WireEnum.TryParse<Capacity>(Capacity, out var capacity);
        service.Capacity = capacity;
        service.TypicalWaitWeeks = TypicalWaitWeeks;
        WireEnum.TryParse<ReferralRoute>(ReferralRoute, out var route);
        service.ReferralRoute = route;
        service.TaxonomyTermIds = [.. (TaxonomyTermIds ?? []).Distinct()];
        // Validation has refused null items; a list left out reads as empty.
        service.Contacts = [.. (Contacts ?? []).Select(c => c with
        {
            Id = OrganisationRequest.NewIdIfNone(c.Id),
            Phones = [.. (c.Phones ?? []).Select(p => p with { Id = OrganisationRequest.NewIdIfNone(p.Id), Number = p.Number.Trim() })],
        })];
        service.Schedules = [.. (Schedules ?? []).Select(s => s with { Id = OrganisationRequest.NewIdIfNone(s.Id) })];
        service.CostOptions = [.. (CostOptions ?? []).Select(c => c with { Id = OrganisationRequest.NewIdIfNone(c.Id) })];
        service.ServiceAreas = [.. (ServiceAreas ?? []).Select(a => a with { Id = OrganisationRequest.NewIdIfNone(a.Id) })];
        service.Languages = [.. (Languages ?? []).Select(l => l with { Id = OrganisationRequest.NewIdIfNone(l.Id) })];
        service.Funding = [.. (Funding ?? []).Select(f => f with { Id = OrganisationRequest.NewIdIfNone(f.Id) })];
    }
}

public sealed record LocationRequest(
    [property: Required(ErrorMessage = "The organisation that owns the location is required.")] Guid? OrganisationId,
    [property: Required, OneOf<LocationType>] [Display(Name = "location type")] string? LocationType,
    [property: Text(300)] [Display(Name = "name")] string? Name,
    [property: Text(Service.MaxDescriptionLength)] [Display(Name = "description")] string? Description,
    [property: Range(-90d, 90d, ErrorMessage = "The {0} must be between {1} and {2}.")] [Display(Name = "latitude")] double? Latitude,
    [property: Range(-180d, 180d, ErrorMessage = "The {0} must be between {1} and {2}.")] [Display(Name = "longitude")] double? Longitude,
    [property: Text(300)] [Display(Name = "external identifier")] string? ExternalIdentifier,
    [property: Text(100)] [Display(Name = "external identifier's type")] string? ExternalIdentifierType,
    [property: Items(10)] [Display(Name = "addresses")] IReadOnlyList<Address>? Addresses,
    [property: Items(20)] [Display(Name = "accessibility")] IReadOnlyList<Accessibility>? Accessibility) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OrganisationId == Guid.Empty)
        {
            yield return new ValidationResult("The organisation that owns the location is required.", [nameof(OrganisationId)]);
        }

        if ((Latitude is null) != (Longitude is null))
        {
            yield return new ValidationResult("Give both latitude and longitude, or neither.", [nameof(Longitude)]);
        }
    }

    public void ApplyTo(Location location)
    {
        location.OrganisationId = OrganisationId!.Value;
        WireEnum.TryParse<LocationType>(LocationType, out var type);
        location.LocationType = type;
        location.Name = OrganisationRequest.Blank(Name);
        location.Description = OrganisationRequest.Blank(Description);
        location.Latitude = Latitude;
        location.Longitude = Longitude;
        location.ExternalIdentifier = OrganisationRequest.Blank(ExternalIdentifier);
        location.ExternalIdentifierType = OrganisationRequest.Blank(ExternalIdentifierType);
        location.Addresses = [.. (Addresses ?? []).Select(a => a with { Id = OrganisationRequest.NewIdIfNone(a.Id), PostalCode = a.PostalCode.Trim().ToUpperInvariant() })];
        location.Accessibility = [.. (Accessibility ?? []).Select(a => a with { Id = OrganisationRequest.NewIdIfNone(a.Id) })];
    }
}
