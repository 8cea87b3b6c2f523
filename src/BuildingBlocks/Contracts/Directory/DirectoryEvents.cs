namespace CareMesh.Contracts.Directory;

/// <summary>
/// A directory listing was created or changed (including being re-verified). Consumers that keep a
/// service's name or availability beside their own records refresh it from here.
/// </summary>
/// <param name="Status">Open Referral UK status: active, inactive, defunct or temporarily closed.</param>
/// <param name="Capacity">accepting-referrals, waiting-list or closed-to-referrals.</param>
/// <param name="ReferralRoute">direct-referral or signposting-only.</param>
/// <param name="IsListed">In the open feed and coordinators' search (active, public, not withdrawn).</param>
public sealed record DirectoryServiceChanged(
    Guid ServiceId,
    Guid OrganisationId,
    string Name,
    string Status,
    string Capacity,
    string ReferralRoute,
    bool IsListed,
    int Version,
    DateTimeOffset ChangedAt);

/// <summary>A service was withdrawn from the directory: plan actions and pending onward referrals to it need another home.</summary>
public sealed record DirectoryServiceWithdrawn(
    Guid ServiceId,
    Guid OrganisationId,
    string Name,
    string Reason,
    DateTimeOffset WithdrawnAt);
