using System.Security.Claims;

namespace CareMesh.Directory.Management;

/// <summary>
/// Who may change which listing: the PCN's team leads and admins manage everything; a VCS partner
/// manages only its own organisation's listings (its token names the organisation's directory id).
/// </summary>
public static class ListingPermissions
{
    public static bool ManagesEverything(ClaimsPrincipal user) => user.Role() is CareMeshRoles.TeamLead or CareMeshRoles.Admin;

    public static bool CanManage(ClaimsPrincipal user, Guid organisationId) =>
        ManagesEverything(user) || (user.Role() == CareMeshRoles.VcsPartner && user.Organisation() == organisationId.ToString());

    /// <summary>Staff see every listing; a partner sees its own organisation's and the public, listed ones.</summary>
    public static bool CanSee(ClaimsPrincipal user, Guid organisationId, bool isListed) =>
        isListed || user.Role() != CareMeshRoles.VcsPartner || CanManage(user, organisationId);
}
