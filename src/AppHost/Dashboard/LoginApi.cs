using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CareMesh.AppHost.Dashboard;

/// <summary>Sign-in with the token the app host printed: a form, or the printed <c>/login?t=...</c> link.</summary>
public static class LoginApi
{
    public static void MapLoginApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", (HttpContext context, DashboardAccess access, DashboardAssets assets, string? t) =>
            t is not null ? SignIn(context, access, assets, t) : assets.LoginPage(failed: false));
        endpoints.MapPost("/login", async (HttpContext context, DashboardAccess access, DashboardAssets assets) =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
            return SignIn(context, access, assets, form?["token"].ToString());
        });
        endpoints.MapPost("/logout", (HttpContext context, DashboardAccess access) =>
        {
            access.SignOut(context);
            return TypedResults.Redirect("/login");
        });
    }

    private static IResult SignIn(HttpContext context, DashboardAccess access, DashboardAssets assets, string? token)
    {
        if (access.TrySignIn(context, token))
        {
            // Straight on, so the token leaves the address bar and the history.
            return TypedResults.Redirect("/");
        }

        return assets.LoginPage(failed: true);
    }
}
