namespace CareMesh.Web;

/// <summary>
/// The pages' Content-Security-Policy: scripts, styles, fonts and images from the workspace itself only (the NHS.UK
/// frontend is served from wwwroot, never a CDN), no inline script, no framing, forms posting only to itself.
/// Set by the page (App.razor) as it renders, as the services' HTML documents set theirs; ServiceDefaults keeps it.
/// </summary>
internal static class WorkspacePolicy
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static void Apply(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        // Pages show patient data: never kept by the browser or a proxy for the back button of the next user.
        // (As antiforgery sets it on a page with a form, so the two agree.)
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
    }
}
