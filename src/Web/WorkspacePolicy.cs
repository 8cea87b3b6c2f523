namespace CareMesh.Web;

/// <summary>
/// The pages' Content-Security-Policy: scripts, styles and images from the workspace itself only (the NHS.UK
/// frontend is served from wwwroot, never a CDN), no inline script, no framing, forms posting only to itself.
/// Set before ServiceDefaults' headers run, which keep a policy an answer already has.
/// </summary>
internal static class WorkspacePolicy
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        // Pages show patient data: never kept by the browser or a proxy for the back button of the next user.
        context.Response.OnStarting(() =>
        {
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
            {
                context.Response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
