using CareMesh.Web.Components;
using CareMesh.Web.Components.CarePlans;
using CareMesh.Web.Components.Meetings;
using CareMesh.Web.Components.Referrals;
using CareMesh.Web.Gateway;
using CareMesh.Web.Live;
using CareMesh.Web.SignIn;

namespace CareMesh.Web;

internal static class Extensions
{
    /// <summary>
    /// What the workspace pages render with: the NHS.UK styled components, rendered on the server; sign-in;
    /// and one client for the services, through the gateway, with the user's own token.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkspaceOptions>().BindSettings(WorkspaceOptions.Section);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.AddSignIn();
        builder.AddLiveUpdates();

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<UserAccessToken>();
        var gateway = builder.Configuration.GetSection(WorkspaceOptions.Section).GetSettings<WorkspaceOptions>().Gateway;
        builder.Services.AddHttpClient<GatewayClient>(client => client.BaseAddress = gateway)
            .AddHttpMessageHandler<UserAccessToken>();
        builder.Services.AddScoped<ReferralSettings>();
    }

    public static void MapWorkspace(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapSignIn();
        app.MapOpenReferralCheck();
        app.MapCarePlanCopies();
        app.MapMeetingPapers();
        app.MapLiveUpdates();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
