using System.Globalization;
using CareMesh.Directory.Listings;
using CareMesh.Directory.Management;
using CareMesh.Directory.OpenReferral;

namespace CareMesh.Directory.Import;

/// <summary>
/// Maps another directory's Open Referral UK listings onto the management API's requests, so that an
/// import is held to the same rules as a change someone types in. Ids are the feed's, so that the next
/// import of the same feed finds the same rows.
/// </summary>
public static class FeedListings
{
    public static OrganisationRequest Organisation(OrukOrganization organisation, Guid? parentId) => new(
        organisation.Name,
        organisation.Description,
        organisation.Email,
        organisation.Website,
        organisation.Logo,
        organisation.Uri,
        parentId,
        [.. Parts(organisation.OrganizationIdentifiers).Select(i => new OrganisationIdentifier(i.Id, i.IdentifierType, i.Identifier, i.IdentifierScheme))]);

    public static LocationRequest Location(OrukLocation location, Guid organisationId) => new(
        organisationId,
        location.LocationType,
        location.Name,
        location.Description,
        location.Latitude,
        location.Longitude,
        location.ExternalIdentifier,
        location.ExternalIdentifierType,
        [.. Parts(location.Addresses).Select(a => new Address(a.Id, a.Address1, a.City, a.Region, a.StateProvince, a.PostalCode, a.Country, a.AddressType, a.Attention))],
        [.. Parts(location.Accessibility).Select(a => new Accessibility(a.Id, a.Description, a.Details, a.Url))]);

    public static TaxonomyTermRequest Term(OrukTaxonomyTerm term, Guid? parentId) =>
        new(term.Name, term.Description, term.Term, term.TermUri, parentId);

    /// <summary>
    /// The service as a request. What the standard does not carry (capacity, referral route, eligibility
    /// in words, typical wait, visibility) is kept from <paramref name="existing"/>, or on a new listing
    /// takes the cautious defaults: accepting referrals, signposting only, public. Dates and times the
    /// request cannot hold are reported in <paramref name="rules"/>.
    /// </summary>
    public static ServiceRequest Service(OrukService service, Guid organisationId, IReadOnlyList<Guid> termIds, IReadOnlyList<Guid> locationIds,
        Service? existing, ListingRules rules) => new(
        organisationId,
        service.Name,
        service.Description,
        service.Url,
        service.Email,
        service.Status,
        existing?.IsPublic ?? true,
        service.Accreditations,
        service.MinimumAge,
        service.MaximumAge,
        existing?.EligibilityDescription,
        Date(service.AssuredDate, "assuredDate", rules),
        service.AssurerEmail,
        service.Alert,
        WireEnum.Name(existing?.Capacity ?? Capacity.AcceptingReferrals),
        existing?.TypicalWaitWeeks,
        WireEnum.Name(existing?.ReferralRoute ?? ReferralRoute.SignpostingOnly),
        termIds,
        locationIds,
        [.. Parts(service.Contacts).Select(c => new Contact(c.Id, c.Name, c.Title, c.Email,
            [.. Parts(c.Phones).Select(p => new Phone(p.Id, p.Number, p.Description))]))],
        [.. Parts(service.Schedules).Select((s, i) => new Schedule(
            s.Id,
            s.Freq ?? "",
            s.Interval,
            OrganisationRequest.Blank(s.Byday),
            OrganisationRequest.Blank(s.Bymonthday),
            Time(s.OpensAt, $"schedules[{i}].opensAt", rules),
            Time(s.ClosesAt, $"schedules[{i}].closesAt", rules),
            Date(s.ValidFrom, $"schedules[{i}].validFrom", rules),
            Date(s.ValidTo, $"schedules[{i}].validTo", rules),
            s.Description,
            s.AttendingType,
            s.Notes))],
        [.. Parts(service.CostOptions).Select((c, i) => new CostOption(c.Id, c.Option, c.Amount, c.AmountDescription,
            Date(c.ValidFrom, $"costOptions[{i}].validFrom", rules), Date(c.ValidTo, $"costOptions[{i}].validTo", rules)))],
        [.. Parts(service.ServiceAreas).Select(a => new ServiceArea(a.Id, a.Name, a.ServiceArea, a.Extent, a.ExtentType, a.Uri))],
        [.. Parts(service.Languages).Select(l => new Language(l.Id, l.Name!, l.Code))],
        [.. Parts(service.Funding).Select(f => new Funding(f.Id, f.Source))]);

    private static DateOnly? Date(string? text, string field, ListingRules rules)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        rules.Fault(field, $"'{text}' is not a date (yyyy-MM-dd).");
        return null;
    }

    private static TimeOnly? Time(string? text, string field, ListingRules rules)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text.Trim(), ["HH:mm:ss", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        rules.Fault(field, $"'{text}' is not a time of day (HH:mm:ss).");
        return null;
    }

    // A feed may leave out any list, or send null inside one; both read as empty.
    private static IEnumerable<T> Parts<T>(IReadOnlyList<T>? parts) where T : class => (parts ?? []).Where(part => part is not null);
}
