using CareMesh.Directory.Listings;
using CareMesh.Directory.OpenReferral;
using CareMesh.Directory.Search;

namespace CareMesh.Directory.Management;

// The bodies of the management API's writes. Every field is optional here so that validation, not
// deserialisation, reports each one that is missing. Parts without an id get a new one.

public sealed record OrganisationRequest(
    string? Name,
    string? Description,
    string? Email,
    string? Website,
    string? Logo,
    string? Uri,
    Guid? ParentOrganisationId,
    IReadOnlyList<OrganisationIdentifier>? Identifiers)
{
    public void Validate(ListingRules rules)
    {
        rules.RequiredText(Name, "name", "The name", Organisation.MaxNameLength);
        rules.RequiredText(Description, "description", "The description", Service.MaxDescriptionLength);
        rules.Email(Email, "email");
        rules.WebAddress(Website, "website");
        rules.WebAddress(Logo, "logo");
        rules.WebAddress(Uri, "uri");
        foreach (var (identifier, i) in rules.Items(Identifiers, "identifiers"))
        {
            rules.RequiredText(identifier.IdentifierType, $"identifiers[{i}].identifierType", "The identifier type", 100);
            rules.RequiredText(identifier.Identifier, $"identifiers[{i}].identifier", "The identifier", 100);
        }
    }

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
    Guid? OrganisationId,
    string? Name,
    string? Description,
    string? Url,
    string? Email,
    string? Status,
    bool? IsPublic,
    string? Accreditations,
    int? MinimumAge,
    int? MaximumAge,
    string? EligibilityDescription,
    DateOnly? AssuredDate,
    string? AssurerEmail,
    string? Alert,
    string? Capacity,
    int? TypicalWaitWeeks,
    string? ReferralRoute,
    IReadOnlyList<Guid>? TaxonomyTermIds,
    IReadOnlyList<Guid>? LocationIds,
    IReadOnlyList<Contact>? Contacts,
    IReadOnlyList<Schedule>? Schedules,
    IReadOnlyList<CostOption>? CostOptions,
    IReadOnlyList<ServiceArea>? ServiceAreas,
    IReadOnlyList<Language>? Languages,
    IReadOnlyList<Funding>? Funding)
{
    public void Validate(ListingRules rules)
    {
        if (OrganisationId is null || OrganisationId == Guid.Empty)
        {
            rules.Fault("organisationId", "The organisation that provides the service is required.");
        }

        rules.RequiredText(Name, "name", "The name", Service.MaxNameLength);
        rules.OptionalText(Description, "description", "The description", Service.MaxDescriptionLength);
        rules.WebAddress(Url, "url");
        rules.Email(Email, "email");
        rules.Email(AssurerEmail, "assurerEmail");
        rules.OptionalText(Accreditations, "accreditations", "The accreditations", 2000);
        rules.OptionalText(EligibilityDescription, "eligibilityDescription", "The eligibility description", 2000);
        rules.OptionalText(Alert, "alert", "The alert", 2000);
        rules.AgeRange(MinimumAge, MaximumAge);

        if (!OrukMapper.TryParseStatus(Status, out _))
        {
            rules.Fault("status", $"The status must be one of: {string.Join(", ", Enum.GetValues<ServiceStatus>().Select(OrukMapper.StatusName))}.");
        }

        if (!WireEnum.TryParse<Capacity>(Capacity, out var capacity))
        {
            rules.Fault("capacity", $"The capacity must be one of: {string.Join(", ", WireEnum.Names<Capacity>())}.");
        }
        else if (capacity == Listings.Capacity.WaitingList && TypicalWaitWeeks is null)
        {
            rules.Fault("typicalWaitWeeks", "A service with a waiting list says its typical wait in weeks.");
        }

        if (TypicalWaitWeeks is < 0 or > ListingRules.MaxWaitWeeks)
        {
            rules.Fault("typicalWaitWeeks", $"The typical wait must be between 0 and {ListingRules.MaxWaitWeeks} weeks.");
        }

        if (!WireEnum.TryParse<ReferralRoute>(ReferralRoute, out _))
        {
            rules.Fault("referralRoute", $"The referral route must be one of: {string.Join(", ", WireEnum.Names<ReferralRoute>())}.");
        }

        foreach (var (contact, i) in rules.Items(Contacts, "contacts"))
        {
            if (string.IsNullOrWhiteSpace(contact.Name) && string.IsNullOrWhiteSpace(contact.Title))
            {
                rules.Fault($"contacts[{i}].name", "A contact has a name or a title.");
            }

            rules.Email(contact.Email, $"contacts[{i}].email");
            foreach (var (phone, j) in rules.Items(contact.Phones, $"contacts[{i}].phones"))
            {
                rules.PhoneNumber(phone.Number, $"contacts[{i}].phones[{j}].number");
            }
        }

        foreach (var (schedule, i) in rules.Items(Schedules, "schedules"))
        {
            rules.Schedule(schedule, $"schedules[{i}]");
        }

        foreach (var (cost, i) in rules.Items(CostOptions, "costOptions"))
        {
            if (cost.Amount is < 0)
            {
                rules.Fault($"costOptions[{i}].amount", "The amount must not be negative.");
            }

            rules.DateRange(cost.ValidFrom, cost.ValidTo, $"costOptions[{i}].validTo");
        }

        foreach (var (area, i) in rules.Items(ServiceAreas, "serviceAreas"))
        {
            if (string.IsNullOrWhiteSpace(area.Name) && string.IsNullOrWhiteSpace(area.Description))
            {
                rules.Fault($"serviceAreas[{i}].name", "A service area has a name or a description.");
            }
        }

        foreach (var (language, i) in rules.Items(Languages, "languages"))
        {
            rules.RequiredText(language.Name, $"languages[{i}].name", "The language's name", 100);
            if (language.Code is { } code && (code.Length is < 2 or > 3 || !code.All(char.IsAsciiLetterLower)))
            {
                rules.Fault($"languages[{i}].code", "The language code is an ISO 639 code of two or three lower-case letters, such as en or pa.");
            }
        }

        foreach (var (funding, i) in rules.Items(Funding, "funding"))
        {
            rules.RequiredText(funding.Source, $"funding[{i}].source", "The funding source", 1000);
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
    Guid? OrganisationId,
    string? LocationType,
    string? Name,
    string? Description,
    double? Latitude,
    double? Longitude,
    string? ExternalIdentifier,
    string? ExternalIdentifierType,
    IReadOnlyList<Address>? Addresses,
    IReadOnlyList<Accessibility>? Accessibility)
{
    private static readonly string[] AddressTypes = ["physical", "postal", "virtual"];

    public void Validate(ListingRules rules)
    {
        if (OrganisationId is null || OrganisationId == Guid.Empty)
        {
            rules.Fault("organisationId", "The organisation that owns the location is required.");
        }

        if (!WireEnum.TryParse<LocationType>(LocationType, out _))
        {
            rules.Fault("locationType", $"The location type must be one of: {string.Join(", ", WireEnum.Names<LocationType>())}.");
        }

        rules.OptionalText(Name, "name", "The name", 300);
        rules.OptionalText(Description, "description", "The description", Service.MaxDescriptionLength);
        if ((Latitude is null) != (Longitude is null))
        {
            rules.Fault("longitude", "Give both latitude and longitude, or neither.");
        }
        else if (Latitude is { } latitude && Longitude is { } longitude && !GeoPoint.IsValid(latitude, longitude))
        {
            rules.Fault("latitude", "The latitude must be within ±90 and the longitude within ±180.");
        }

        foreach (var (address, i) in rules.Items(Addresses, "addresses"))
        {
            rules.RequiredText(address.Address1, $"addresses[{i}].address1", "The first line of the address", 300);
            rules.RequiredText(address.City, $"addresses[{i}].city", "The town or city", 100);
            rules.RequiredText(address.StateProvince, $"addresses[{i}].stateProvince", "The county", 100);
            rules.RequiredText(address.PostalCode, $"addresses[{i}].postalCode", "The postcode", 10);
            rules.RequiredText(address.Country, $"addresses[{i}].country", "The country", 2);
            if (!AddressTypes.Contains(address.AddressType))
            {
                rules.Fault($"addresses[{i}].addressType", "The address type must be one of: physical, postal, virtual.");
            }
        }

        foreach (var (access, i) in rules.Items(Accessibility, "accessibility"))
        {
            rules.WebAddress(access.Url, $"accessibility[{i}].url");
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
