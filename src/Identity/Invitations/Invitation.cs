namespace CareMesh.Identity.Invitations;

/// <summary>
/// A team lead's invitation for someone at a VCS partner to have an account: a link, good once and until
/// <see cref="ExpiresAt"/>, whose secret is stored only as its SHA-256 hash.
/// </summary>
public sealed class Invitation
{
    public const int MaxEmailLength = 256;

    public Guid Id { get; init; }

    public required byte[] SecretHash { get; init; }

    public required string Email { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The partner's directory organisation id: the account's organisation.</summary>
    public required string Organisation { get; init; }

    /// <summary>The inviter's organisation (an ODS code): its team leads manage the account.</summary>
    public required string SponsorOrganisation { get; init; }

    /// <summary>The inviter's user id (<c>sub</c>).</summary>
    public required string InvitedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the link was used; it is good no more.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    public string? AccountId { get; set; }
}
