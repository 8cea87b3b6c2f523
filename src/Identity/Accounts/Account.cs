using Microsoft.AspNetCore.Identity;

namespace CareMesh.Identity.Accounts;

/// <summary>Someone who signs in at the provider: a CareMesh role at one organisation, as their tokens carry it.</summary>
public sealed class Account : IdentityUser
{
    public const int MaxNameLength = 200;

    public required string DisplayName { get; set; }

    /// <summary>A CareMesh role name (<see cref="CareMeshRoles"/>), carried in the role claim the services read.</summary>
    public required string Role { get; set; }

    /// <summary>An ODS code, or a VCS partner's directory organisation id.</summary>
    public required string Organisation { get; set; }

    /// <summary>
    /// For a partner's account: the organisation (an ODS code) of the team lead who invited it, whose team leads
    /// manage it. None for staff and seeded accounts.
    /// </summary>
    public string? SponsorOrganisation { get; set; }

    /// <summary>The 30-second step of the last authenticator code accepted: a code is good once, and never an older one.</summary>
    public long? AuthenticatorStep { get; set; }

    /// <summary>When the account was disabled; a disabled account signs in no more and its refresh tokens are refused.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
