using CareMesh.Web.Gateway;

namespace CareMesh.Web.Components.CarePlans;

/// <summary>An agreed version's copies (the GP record's HTML page and PDF) as the CarePlans service renders them, passed on by <see cref="RenderedDocuments"/>.</summary>
internal static class CarePlanCopies
{
    public static string PagePath(Guid plan, int version) => $"/care-plans/{plan}/versions/{version}/gp-copy";

    public static string PdfPath(Guid plan, int version) => PagePath(plan, version) + ".pdf";

    public static void MapCarePlanCopies(this IEndpointRouteBuilder app)
    {
        app.MapGet("/care-plans/{id:guid}/versions/{version:int}/gp-copy", (Guid id, int version, HttpContext context, GatewayClient gateway) =>
            RenderedDocuments.PassOnAsync($"/api/care-plans/{id}/versions/{version}/copy.html", null, context, gateway)).RequireAuthorization(CareMeshPolicies.Staff);
        app.MapGet("/care-plans/{id:guid}/versions/{version:int}/gp-copy.pdf", (Guid id, int version, HttpContext context, GatewayClient gateway) =>
            RenderedDocuments.PassOnAsync($"/api/care-plans/{id}/versions/{version}/copy.pdf", $"care-plan-version-{version}.pdf", context, gateway))
            .RequireAuthorization(CareMeshPolicies.Staff);
    }
}
