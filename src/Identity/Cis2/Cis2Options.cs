namespace CareMesh.Identity.Cis2;

/// <summary>
/// <c>Identity:Cis2</c>: NHS CIS2 Authentication, where staff sign in. The PCN registers CareMesh with NHS England's
/// CIS2 team and gets a client id and secret; the redirect address to register is
/// <c>&lt;Identity:Issuer&gt;account/cis2/callback</c>. Without an authority and client id, CIS2 sign-in is not offered.
/// </summary>
public sealed class Cis2Options
{
    public const string Section = "Identity:Cis2";

    /// <summary>The CIS2 environment's issuer, e.g. <c>https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare</c> (integration).</summary>
    public Uri? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary><c>nationalrbacaccess</c> brings the selected role (<c>selected_roleid</c>) and the person's roles with their organisations (<c>nhsid_nrbac_roles</c>).</summary>
    public string[] Scopes { get; set; } = ["openid", "profile", "nationalrbacaccess"];

    public bool IsConfigured => Authority is not null && ClientId is { Length: > 0 };
}
