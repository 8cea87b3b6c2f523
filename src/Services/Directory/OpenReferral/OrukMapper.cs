using System.Globalization;
using System.Security.Cryptography;
using CareMesh.Directory.Listings;
using CareMesh.Directory.Taxonomies;

namespace CareMesh.Directory.OpenReferral;

/// <summary>Maps the directory's listings onto the Open Referral UK 3.0 shapes.</summary>
public static class OrukMapper
{
    public const string ServiceLinkType = "service";

    public static string StatusName(ServiceStatus status) => status switch
    {
        ServiceStatus.TemporarilyClosed => "temporarily closed",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static bool TryParseStatus(string? name, out ServiceStatus status)
    {
        foreach (var candidate in Enum.GetValues<ServiceStatus>())
        {
            if (string.Equals(StatusName(candidate), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>A service as a list item: its own fields and its organisation, without nested parts.</summary>
    public static OrukService Summary(Service service) => new(
        service.Id,
        service.OrganisationId,
        service.Name,
        service.Description,
        service.Url,
        service.Email,
        StatusName(service.Status),
        service.Accreditations,
        service.MinimumAge,
        service.MaximumAge,
        Date(service.AssuredDate),
        service.AssurerEmail,
        service.Alert,
        service.LastModified,
        service.Organisation is { } organisation ? Organization(organisation) : null);

    /// <summary>A fully nested service: every part, its locations and the taxonomy terms it is categorised by.</summary>
    public static OrukService Full(Service service, TermLookup terms) => Summary(service) with
    {
        Schedules = [.. service.Schedules.Select(schedule => Schedule(schedule, service.Id))],
        ServiceAreas = [.. service.ServiceAreas.Select(area => new OrukServiceArea(area.Id, service.Id, area.Name, area.Extent, area.ExtentType, area.Uri, area.Description))],
        ServiceAtLocations = [.. service.ServiceAtLocations.Select(sal => ServiceAtLocation(sal, service: null))],
        Languages = [.. service.Languages.Select(language => new OrukLanguage(language.Id, service.Id, language.Name, language.Code))],
        Funding = [.. service.Funding.Select(funding => new OrukFunding(funding.Id, service.Id, funding.Source))],
        CostOptions = [.. service.CostOptions.Select(cost => new OrukCostOption(cost.Id, service.Id, Date(cost.ValidFrom), Date(cost.ValidTo), cost.Option, cost.Amount, cost.AmountDescription))],
        Contacts = [.. service.Contacts.Select(contact => new OrukContact(contact.Id, service.Id, contact.Name, contact.Title, contact.Email,
            [.. contact.Phones.Select(phone => new OrukPhone(phone.Id, contact.Id, phone.Number, phone.Description))]))],
        Attributes = [.. service.TaxonomyTermIds.Select(terms.Find).OfType<OrukTaxonomyTerm>()
            .Select(term => new OrukAttribute(AttributeId(service.Id, term.Id), service.Id, term.Id, ServiceLinkType, term))],
    };

    public static OrukSchedule Schedule(Schedule schedule, Guid serviceId) => new(
        schedule.Id,
        serviceId,
        Date(schedule.ValidFrom),
        Date(schedule.ValidTo),
        schedule.Freq,
        schedule.Interval,
        schedule.ByDay,
        schedule.ByMonthDay,
        schedule.Description,
        Time(schedule.OpensAt),
        Time(schedule.ClosesAt),
        schedule.AttendingType,
        schedule.Notes);

    public static OrukServiceAtLocation ServiceAtLocation(ServiceAtLocation serviceAtLocation, OrukService? service) => new(
        serviceAtLocation.Id,
        serviceAtLocation.ServiceId,
        serviceAtLocation.LocationId,
        serviceAtLocation.Location is { } location ? Location(location) : null,
        service);

    public static OrukLocation Location(Location location) => new(
        location.Id,
        WireEnum.Name(location.LocationType),
        location.Name,
        location.Description,
        location.Latitude,
        location.Longitude,
        location.ExternalIdentifier,
        location.ExternalIdentifierType,
        [.. location.Addresses.Select(address => new OrukAddress(address.Id, location.Id, address.Attention, address.Address1, address.City,
            address.Region, address.StateProvince, address.PostalCode, address.Country, address.AddressType))],
        [.. location.Accessibility.Select(access => new OrukAccessibility(access.Id, location.Id, access.Description, access.Details, access.Url))]);

    public static OrukOrganization Organization(Organisation organisation) => new(
        organisation.Id,
        organisation.Name,
        organisation.Description,
        organisation.Email,
        organisation.Website,
        organisation.Logo,
        organisation.Uri,
        organisation.ParentOrganisationId,
        [.. organisation.Identifiers.Select(identifier => new OrukOrganizationIdentifier(
            identifier.Id, organisation.Id, identifier.IdentifierScheme, identifier.IdentifierType, identifier.Identifier))]);

    public static OrukTaxonomy Taxonomy(Taxonomy taxonomy, IReadOnlyList<OrukTaxonomyTerm>? terms = null) =>
        new(taxonomy.Id, taxonomy.Name, taxonomy.Description, taxonomy.Uri, taxonomy.Version, terms);

    public static OrukTaxonomyTerm Term(TaxonomyTerm term, string? taxonomyName) => new(
        term.Id, term.Name, term.Description, term.ParentId, taxonomyName, term.TaxonomyId, term.TermUri, term.Code);

    /// <summary>
    /// The id of the attribute that links a service to a term. The directory keeps the link as the term's
    /// id on the service, so the id is derived from the pair: the same link always has the same id.
    /// </summary>
    public static Guid AttributeId(Guid serviceId, Guid termId)
    {
        Span<byte> pair = stackalloc byte[32];
        serviceId.TryWriteBytes(pair[..16]);
        termId.TryWriteBytes(pair[16..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(pair, hash);
        // RFC 9562 version 8 (custom), variant 10.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Time(TimeOnly? time) => time?.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>Taxonomy terms by id, with their taxonomy's name, loaded once for the services on a page.</summary>
public sealed class TermLookup(IReadOnlyDictionary<Guid, OrukTaxonomyTerm> terms)
{
    public static readonly TermLookup Empty = new(new Dictionary<Guid, OrukTaxonomyTerm>());

    public OrukTaxonomyTerm? Find(Guid id) => terms.GetValueOrDefault(id);
}
