namespace CareMesh.Identity.SecurityEvents;

/// <summary>
/// Something security-relevant the provider did or refused: who (account or client), when, from where and the
/// trace id. Never a password, code or token. Append-only (migration <c>Initial</c>).
/// </summary>
public sealed class SecurityEvent
{
    public long Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string Kind { get; init; }
    public string? AccountId { get; init; }
    public string? ClientId { get; init; }
    /// <summary>Who did it, when that is someone other than the account: the team lead who invited or disabled it.</summary>
    public string? ActorId { get; init; }
    /// <summary>The caller's address, as the gateway saw it.</summary>
    public string? Address { get; init; }
    public string? TraceId { get; init; }
    /// <summary>A short reason (a refusal's error code, the role chosen): never a secret.</summary>
    public string? Detail { get; init; }
}

/// <summary>The kinds of <see cref="SecurityEvent"/>.</summary>
public static class SecurityEventKinds
{
    public const string SignedIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignedOut = "sign-out";
    public const string ClientCredentialsIssued = "client-credentials";
    public const string DevelopmentTokenIssued = "development-token";
    public const string RefreshRefused = "refresh-refused";
    public const string LockedOut = "lockout";
    public const string AuthenticatorEnrolled = "mfa-enrolled";
    public const string AuthenticatorReset = "mfa-reset";
    public const string InvitationSent = "invitation-sent";
    public const string InvitationAccepted = "invitation-accepted";
    public const string InvitationRefused = "invitation-refused";
    public const string AccountDisabled = "account-disabled";
    public const string AccountEnabled = "account-enabled";
    public const string Cis2RoleRefused = "cis2-role-refused";
    /// <summary>Tokens for a signed-in account: a code redeemed or a refresh token used.</summary>
    public const string TokenIssued = "token-issued";
    /// <summary>The token endpoint refused a request (a wrong secret, a spent code, a scope not granted): its error and grant type.</summary>
    public const string TokenRefused = "token-refused";
}
