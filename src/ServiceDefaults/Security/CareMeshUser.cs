using System.Security.Claims;

namespace Microsoft.Extensions.Hosting;

/// <summary>Who is calling, as CareMesh's features and its audit see them.</summary>
public static class CareMeshUser
{
    /// <summary>The claim type CareMesh writes the resolved role under.</summary>
    public const string RoleClaimType = ClaimTypes.Role;
    public const string OrganisationClaimType = "caremesh:org";

    public static string? Role(this ClaimsPrincipal user) => user.FindFirst(RoleClaimType)?.Value;

    public static string? Organisation(this ClaimsPrincipal user) => user.FindFirst(OrganisationClaimType)?.Value;

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirst("sub")?.Value;
}
