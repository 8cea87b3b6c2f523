namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>Authentication</c>: how bearer tokens are validated and turned into a CareMesh user. <see cref="Authority"/>
/// names the OpenID Connect provider (CareMesh's own Identity service, NHS CIS2, Entra ID, Keycloak...), in
/// every environment: its metadata gives the issuer and the signing keys.
/// </summary>
public sealed class CareMeshAuthenticationOptions
{
    public const string Section = "Authentication";

    /// <summary>The provider's base address (its public one, which tokens name as issuer); required.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// Where this process fetches the provider's metadata, when not from <c>&lt;Authority&gt;.well-known/openid-configuration</c>:
    /// the app host points every process straight at the Identity service instead of through the gateway. The
    /// documents the metadata names under <see cref="Authority"/> (its keys) are then fetched from there too.
    /// </summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The issuer tokens must name; defaults to the one in the provider's metadata.</summary>
    public string? Issuer { get; set; }

    public string Audience { get; set; } = "caremesh";

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
