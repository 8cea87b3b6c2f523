using CareMesh.Web.Gateway;

namespace CareMesh.Web.Components.CarePlans;

/// <summary>
/// An agreed version's copies (the GP record's HTML page and PDF) as the CarePlans service renders them, read with the
/// user's token on the server and passed on: the browser never holds a token, so it cannot ask the service itself.
/// </summary>
internal static class CarePlanCopies
{
    /// <summary>The HTML copy carries its own styles and nothing else, should the service not say so itself.</summary>
    private const string CopyPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static string PagePath(Guid plan, int version) => $"/care-plans/{plan}/versions/{version}/gp-copy";

    public static string PdfPath(Guid plan, int version) => PagePath(plan, version) + ".pdf";

    public static void MapCarePlanCopies(this IEndpointRouteBuilder app)
    {
        app.MapGet("/care-plans/{id:guid}/versions/{version:int}/gp-copy", (Guid id, int version, HttpContext context, GatewayClient gateway) =>
            CopyAsync($"/api/care-plans/{id}/versions/{version}/copy.html", null, context, gateway)).RequireAuthorization(CareMeshPolicies.Staff);
        app.MapGet("/care-plans/{id:guid}/versions/{version:int}/gp-copy.pdf", (Guid id, int version, HttpContext context, GatewayClient gateway) =>
            CopyAsync($"/api/care-plans/{id}/versions/{version}/copy.pdf", $"care-plan-version-{version}.pdf", context, gateway)).RequireAuthorization(CareMeshPolicies.Staff);
    }

    private static async Task<IResult> CopyAsync(string path, string? fileName, HttpContext context, GatewayClient gateway)
    {
        var copy = await gateway.DownloadAsync(path, context.RequestAborted);
        if (!copy.Ok)
        {
            // The status page says it (not found, no access) as for any other page.
            return TypedResults.StatusCode(copy.Problem!.Status);
        }

        var document = copy.Value!;
        context.Response.Headers.ContentSecurityPolicy = document.ContentSecurityPolicy ?? CopyPolicy;
        // A person's plan: never kept by the browser or a proxy.
        context.Response.Headers.CacheControl = "no-store";
        return fileName is null
            ? TypedResults.File(document.Content, document.ContentType)
            : TypedResults.File(document.Content, document.ContentType, fileName);
    }
}
