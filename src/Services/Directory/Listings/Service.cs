using System.Linq.Expressions;

namespace CareMesh.Directory.Listings;

/// <summary>
/// A community or voluntary-sector service as the directory lists it: the Open Referral UK service
/// with its parts, plus what coordinators need and the standard lacks (when it was last verified and
/// by whom, its capacity, whether it takes referrals directly or only signposts).
/// </summary>
public sealed class Service
{
    public const int MaxNameLength = 300;
    public const int MaxDescriptionLength = 10_000;

    public Guid Id { get; init; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Url { get; set; }
    public string? Email { get; set; }
    public ServiceStatus Status { get; set; }

    /// <summary>Listed in the open feed and the coordinators' search. A non-public listing is seen by its organisation and the PCN's team only.</summary>
    public bool IsPublic { get; set; } = true;

    public string? Accreditations { get; set; }
    public int? MinimumAge { get; set; }
    public int? MaximumAge { get; set; }

    /// <summary>Who the service is for, in words ("carers of people living with dementia").</summary>
    public string? EligibilityDescription { get; set; }

    public DateOnly? AssuredDate { get; set; }
    public string? AssurerEmail { get; set; }
    public string? Alert { get; set; }

    public Capacity Capacity { get; set; }

    /// <summary>Typical wait in weeks when the service keeps a waiting list.</summary>
    public int? TypicalWaitWeeks { get; set; }

    public ReferralRoute ReferralRoute { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }
    public string? VerifiedBy { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnReason { get; set; }

    public IReadOnlyList<Guid> TaxonomyTermIds { get; set; } = [];
    public IReadOnlyList<Contact> Contacts { get; set; } = [];
    public IReadOnlyList<Schedule> Schedules { get; set; } = [];
    public IReadOnlyList<CostOption> CostOptions { get; set; } = [];
    public IReadOnlyList<ServiceArea> ServiceAreas { get; set; } = [];
    public IReadOnlyList<Language> Languages { get; set; } = [];
    public IReadOnlyList<Funding> Funding { get; set; } = [];
    public List<ServiceAtLocation> ServiceAtLocations { get; init; } = [];

    // Kept in step with the parts above by Refresh(), so that search filters on plain indexed columns.
    public bool IsFree { get; private set; }
    public OpenDays OpenDays { get; private set; }

    /// <summary>Words a search should find the service by besides its name and description: its categories and provider.</summary>
    public string SearchKeywords { get; private set; } = "";

    public DateTimeOffset LastModified { get; set; }
    public int Version { get; set; }

    /// <summary>In the open feed and the coordinators' search: active, public and not withdrawn. Queries filter with this.</summary>
    public static readonly Expression<Func<Service, bool>> Listed = s => s.Status == ServiceStatus.Active && s.IsPublic && s.WithdrawnAt == null;

    private static readonly Func<Service, bool> ListedNow = Listed.Compile();

    /// <summary><see cref="Listed"/>, for a service in hand.</summary>
    public bool IsListed => ListedNow(this);

    /// <summary>Recomputes the search columns from the listing's parts; call after any change.</summary>
    public void Refresh(IEnumerable<string> taxonomyTermNames, string organisationName)
    {
        IsFree = CostOptions.All(cost => cost.Amount is null or 0);
        OpenDays = Schedules.Aggregate(OpenDays.None, (days, schedule) => days | OpeningDays.Of(schedule));
        SearchKeywords = string.Join(' ', taxonomyTermNames.Append(organisationName));
    }

    public bool IsDueForVerification(DateTimeOffset now, TimeSpan period) => VerifiedAt is not { } verified || verified + period <= now;

    public void MarkVerified(string by, DateTimeOffset now)
    {
        VerifiedAt = now;
        VerifiedBy = by;
    }

    public void Withdraw(string reason, DateTimeOffset now)
    {
        WithdrawnAt = now;
        WithdrawnReason = reason;
        Status = ServiceStatus.Defunct;
    }
}

/// <summary>Open Referral UK's service statuses (<c>temporarily closed</c> is spelled with a space there).</summary>
public enum ServiceStatus
{
    Active,
    Inactive,
    Defunct,
    TemporarilyClosed,
}

/// <summary>Whether a service can take someone now.</summary>
public enum Capacity
{
    AcceptingReferrals,
    WaitingList,
    ClosedToReferrals,
}

/// <summary>How a person gets to a service: a referral sent to it, or told about it and contacting it themselves.</summary>
public enum ReferralRoute
{
    DirectReferral,
    SignpostingOnly,
}
