namespace Microsoft.Extensions.Hosting;

/// <summary>The roles a CareMesh token can carry (one selected role per token).</summary>
public static class CareMeshRoles
{
    public const string CareCoordinator = "care-coordinator";
    public const string LinkWorker = "link-worker";
    public const string HealthCoach = "health-coach";
    public const string Clinician = "clinician";
    public const string TeamLead = "team-lead";
    public const string VcsPartner = "vcs-partner";
    public const string Ops = "ops";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        CareCoordinator, LinkWorker, HealthCoach, Clinician, TeamLead, VcsPartner, Ops, Admin,
    };

    /// <summary>People who work with patients' records: everyone but partners and operations.</summary>
    public static readonly string[] Staff = [CareCoordinator, LinkWorker, HealthCoach, Clinician, TeamLead, Admin];
}

/// <summary>
/// Authorisation policies by role, shared by the gateway (coarse, per route) and the services
/// (per endpoint, with object-level checks in the features themselves).
/// </summary>
public static class CareMeshPolicies
{
    /// <summary>Patient records: referrals, caseload, care plans, meetings.</summary>
    public const string Staff = "staff";

    /// <summary>Onward referrals: staff, and VCS partners for those sent to their organisation.</summary>
    public const string OnwardReferrals = "onward-referrals";

    /// <summary>The directory's management API: staff search it, partners keep their own listings.</summary>
    public const string Directory = "directory";

    /// <summary>Changing directory listings: the PCN's team leads and admins, and partners (for their own organisation, checked by the Directory).</summary>
    public const string ListingManagers = "listing-managers";

    /// <summary>What only the PCN's team changes in the directory: organisations joining, taxonomies, imports.</summary>
    public const string DirectoryAdministration = "directory-administration";

    /// <summary>What only a team lead (or an admin) decides: merging referrals, the team's capacities, the balance of caseloads.</summary>
    public const string TeamLeads = "team-leads";

    /// <summary>Looking up who accessed a person's records: team leads and admins.</summary>
    public const string AuditLookup = "audit-lookup";

    /// <summary>Running the platform: no patient data.</summary>
    public const string Operations = "operations";

    /// <summary>No token needed (the open directory feed, health, API documents). Named so a route states it on purpose.</summary>
    public const string Anonymous = "anonymous";

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [Staff] = CareMeshRoles.Staff,
        [OnwardReferrals] = [.. CareMeshRoles.Staff, CareMeshRoles.VcsPartner],
        [Directory] = [.. CareMeshRoles.Staff, CareMeshRoles.VcsPartner],
        [ListingManagers] = [CareMeshRoles.TeamLead, CareMeshRoles.Admin, CareMeshRoles.VcsPartner],
        [DirectoryAdministration] = [CareMeshRoles.TeamLead, CareMeshRoles.Admin],
        [TeamLeads] = [CareMeshRoles.TeamLead, CareMeshRoles.Admin],
        [AuditLookup] = [CareMeshRoles.TeamLead, CareMeshRoles.Admin],
        [Operations] = [CareMeshRoles.Ops, CareMeshRoles.Admin],
    };
}
