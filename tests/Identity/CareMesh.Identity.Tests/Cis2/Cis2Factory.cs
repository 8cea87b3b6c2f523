using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareMesh.Identity.Tests.Cis2;

/// <summary>The provider with NHS CIS2 sign-in pointed at a <see cref="Cis2StandIn"/>, and a role map as a PCN would configure it.</summary>
public sealed class Cis2Factory : IdentityFactory
{
    /// <summary>NHS job role codes this PCN maps: clinical practitioner, and a social prescribing link worker's.</summary>
    public const string ClinicianCode = "R8000";
    public const string LinkWorkerCode = "R9806";

    /// <summary>
    /// The provider as browsers reach it in a deployment, over HTTPS: OpenIddict's client keeps the state of the round
    /// trip to CIS2 in a cookie that is Secure (and SameSite=None, as CIS2 may answer with a form post).
    /// </summary>
    public static readonly Uri PublicAddress = new("https://localhost/");

    public Cis2StandIn Cis2 { get; } = Cis2StandIn.Start();

    public BrowserSession CreateSecureBrowser() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PublicAddress, AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>The workspace's back channel to the same address (codes name the issuer they were issued under).</summary>
    public HttpClient CreateSecureBackChannel() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PublicAddress, AllowAutoRedirect = false, HandleCookies = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:Cis2:Authority", Cis2.Issuer.AbsoluteUri);
        builder.UseSetting("Identity:Cis2:ClientId", Cis2StandIn.ClientId);
        builder.UseSetting("Identity:Cis2:ClientSecret", Cis2StandIn.ClientSecret);
        builder.UseSetting($"Authentication:RoleMap:{ClinicianCode}", CareMeshRoles.Clinician);
        builder.UseSetting($"Authentication:RoleMap:{LinkWorkerCode}", CareMeshRoles.LinkWorker);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Cis2.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
