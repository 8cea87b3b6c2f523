using System.Text.Json;
using System.Text.Json.Serialization;
using CareMesh.Web.Gateway;

namespace CareMesh.Web.Components.Directory;

// The Directory service's answers as the workspace reads them (docs/directory.md, /openapi/directory.json): only the
// fields pages show, wire words (capacity, referral route) kept as the service spells them.

/// <summary><c>GET /api/directory/search</c>: a page of results, best first, and the words read as others ("councelling" as "counselling").</summary>
public sealed record SearchResultsView(int Total, int Page, int PageSize, IReadOnlyDictionary<string, string> ReadAs, IReadOnlyList<SearchResultView> Results);

public sealed record SearchResultView(
    Guid ServiceId,
    string Name,
    Guid OrganisationId,
    string OrganisationName,
    string? Description,
    string Capacity,
    int? TypicalWaitWeeks,
    string ReferralRoute,
    bool IsFree,
    double? DistanceKm,
    SearchLocationView? Location,
    IReadOnlyList<string> MatchedBecause);

public sealed record SearchLocationView(Guid Id, string? Name);

/// <summary>
/// A service as the management API answers (<c>GET /api/directory/services/{id}</c>). The parts a page does not change
/// (contacts, schedules, costs, areas, languages, funding) are kept as the service sent them, so a change to the
/// listing's own fields sends them back exactly (the API replaces the whole listing on <c>PUT</c>).
/// </summary>
public sealed record ServiceListingView(
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
    string Capacity,
    int? TypicalWaitWeeks,
    string ReferralRoute,
    IReadOnlyList<Guid> TaxonomyTermIds,
    IReadOnlyList<Guid> LocationIds,
    IReadOnlyList<JsonElement> Contacts,
    IReadOnlyList<JsonElement> Schedules,
    IReadOnlyList<JsonElement> CostOptions,
    IReadOnlyList<JsonElement> ServiceAreas,
    IReadOnlyList<JsonElement> Languages,
    IReadOnlyList<JsonElement> Funding,
    DateTimeOffset? VerifiedAt,
    string? VerifiedBy,
    bool DueForVerification,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawnReason,
    DateTimeOffset LastModified,
    int Version)
{
    public IEnumerable<ContactView> ContactsRead => Contacts.Select(c => c.Deserialize<ContactView>(GatewayClient.Json)!);

    public IEnumerable<ScheduleView> SchedulesRead => Schedules.Select(s => s.Deserialize<ScheduleView>(GatewayClient.Json)!);

    public IEnumerable<CostView> CostsRead => CostOptions.Select(c => c.Deserialize<CostView>(GatewayClient.Json)!);

    /// <summary>Free as the Directory's search reckons it: no cost options, or only zero amounts.</summary>
    public bool IsFree => CostsRead.All(c => c.Amount is null or 0);

    public IEnumerable<string> LanguageNames => Languages.Select(l => l.Deserialize<LanguageView>(GatewayClient.Json)!.Name);

    /// <summary>
    /// The whole listing as the management API takes it back (<c>ServiceRequest</c>): these fields as they are, the
    /// parts untouched. A page changes what it edits with <c>with</c> and sends the rest as it read it.
    /// </summary>
    public ServiceChange ToChange() => new(OrganisationId, Name, Description, Url, Email, Status, IsPublic, Accreditations, MinimumAge, MaximumAge,
        EligibilityDescription, AssuredDate, AssurerEmail, Alert, Capacity, TypicalWaitWeeks, ReferralRoute, TaxonomyTermIds, LocationIds,
        Contacts, Schedules, CostOptions, ServiceAreas, Languages, Funding);
}

/// <summary>The body of <c>PUT /api/directory/services/{id}</c>.</summary>
public sealed record ServiceChange(
    Guid OrganisationId,
    string? Name,
    string? Description,
    string? Url,
    string? Email,
    string? Status,
    bool IsPublic,
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
    IReadOnlyList<Guid> TaxonomyTermIds,
    IReadOnlyList<Guid> LocationIds,
    IReadOnlyList<JsonElement> Contacts,
    IReadOnlyList<JsonElement> Schedules,
    IReadOnlyList<JsonElement> CostOptions,
    IReadOnlyList<JsonElement> ServiceAreas,
    IReadOnlyList<JsonElement> Languages,
    IReadOnlyList<JsonElement> Funding);

public sealed record ContactView(string? Name, string? Title, string? Email, IReadOnlyList<PhoneView>? Phones);

public sealed record PhoneView(string Number, string? Description);

public sealed record ScheduleView(string Freq, string? ByDay, string? ByMonthDay, TimeOnly? OpensAt, TimeOnly? ClosesAt, string? Description);

public sealed record CostView(string? Option, decimal? Amount, string? AmountDescription);

public sealed record LanguageView(string Name);

public sealed record OrganisationView(Guid Id, string Name, string Description, string? Email, string? Website);

public sealed record LocationView(Guid Id, string? Name, string? Description, IReadOnlyList<AddressView> Addresses, IReadOnlyList<AccessibilityView> Accessibility);

public sealed record AddressView(string Address1, string City, string? Region, string StateProvince, string PostalCode, string AddressType);

public sealed record AccessibilityView(string? Description, string? Details);

/// <summary>An Open Referral UK page (<c>/oruk/...</c>): the feed's own shape, snake_case on the wire.</summary>
public sealed record OrukPageView<T>([property: JsonPropertyName("total_items")] int TotalItems, IReadOnlyList<T> Contents);

public sealed record TermView(Guid Id, string Name, [property: JsonPropertyName("parent_id")] Guid? ParentId);

/// <summary><c>GET /api/directory/organisations/{id}/demand</c>: referrals sent to each of the organisation's services, per month.</summary>
public sealed record OrganisationDemandView(Guid OrganisationId, IReadOnlyList<ServiceDemandView> Services);

public sealed record ServiceDemandView(Guid ServiceId, string Name, IReadOnlyList<MonthlyReferralsView> Months);

public sealed record MonthlyReferralsView(string Month, int ReferralsSent);
