namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>Authentication</c>: how bearer tokens are validated and turned into a CareMesh user. In
/// production <see cref="Authority"/> names the OpenID Connect provider (NHS CIS2, Entra ID,
/// Keycloak...); in Development a local key file stands in for it.
/// </summary>
public sealed class CareMeshAuthenticationOptions
{
    public const string Section = "Authentication";
    public const string DevelopmentIssuer = "caremesh-development";

    /// <summary>The provider's base address; its OpenID metadata gives issuer and signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The issuer tokens must name; defaults to the one in the provider's metadata.</summary>
    public string? Issuer { get; set; }

    public string Audience { get; set; } = "caremesh";

    /// <summary>Development only: a PEM file holding the local signing key (written by the app host or ./caremesh token).</summary>
    public string? DevelopmentKeyFile { get; set; }

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a validated token is taken as valid without checking its signature again (never past its
    /// expiry); also how long a token already seen outlives a change of the provider's keys. Zero checks every request.
    /// </summary>
    public TimeSpan RememberValidatedTokensFor { get; set; } = TimeSpan.FromMinutes(5);

    public string[] AllowedAlgorithms { get; set; } = ["RS256", "PS256", "ES256"];

    /// <summary>The claim that carries the user's selected role (CIS2: <c>selected_roleid</c>).</summary>
    public string RoleClaim { get; set; } = "selected_roleid";

    /// <summary>Role codes (NHS RBAC codes, provider role ids) mapped onto CareMesh roles. A CareMesh role name maps to itself.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The claim that carries the user's organisation: an ODS code, or a directory organisation id for a VCS partner.</summary>
    public string OrganisationClaim { get; set; } = "org";
}
