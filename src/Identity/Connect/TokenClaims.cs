using System.Security.Claims;
using CareMesh.Identity.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CareMesh.Identity.Connect;

/// <summary>
/// The claims a CareMesh token carries, named as the services read them (<see cref="CareMeshAuthenticationOptions"/>):
/// <c>sub</c>, <c>name</c>, the role claim (<c>selected_roleid</c> by default) holding a CareMesh role name, and <c>org</c>.
/// </summary>
public sealed class TokenClaims(IOptions<CareMeshAuthenticationOptions> authentication)
{
    public const string Audience = "caremesh";

    /// <summary>The scope that asks for a token the services accept.</summary>
    public const string ApiScope = "caremesh";

    private string RoleClaim => authentication.Value.RoleClaim;
    private string OrganisationClaim => authentication.Value.OrganisationClaim;

    public ClaimsIdentity For(Account account) => For(account.Id, account.DisplayName, account.Role, account.Organisation);

    public ClaimsIdentity For(string subject, string? name, string? role, string? organisation)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, RoleClaim);
        identity.SetClaim(Claims.Subject, subject);
        identity.SetClaim(Claims.Name, name);
        identity.SetClaim(RoleClaim, role);
        identity.SetClaim(OrganisationClaim, organisation);
        identity.SetResources(Audience);
        return identity;
    }

    /// <summary>Who a claim is for: name, role and organisation in the access token, and in the identity token when <c>profile</c> was granted.</summary>
    public ClaimsIdentity WithDestinations(ClaimsIdentity identity)
    {
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            var type when type == Claims.Name || type == RoleClaim || type == OrganisationClaim =>
                identity.HasScope(Scopes.Profile) ? [Destinations.AccessToken, Destinations.IdentityToken] : [Destinations.AccessToken],
            _ => [],
        });
        return identity;
    }
}
