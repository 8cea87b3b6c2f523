using CareMesh.Web.Gateway;

namespace CareMesh.Web.Components.Meetings;

/// <summary>A meeting's papers pack (the Meetings service's HTML page and PDF), passed on by <see cref="RenderedDocuments"/>.</summary>
internal static class MeetingPapers
{
    public static string PagePath(Guid meeting) => $"/meetings/{meeting}/papers";

    public static string PdfPath(Guid meeting) => PagePath(meeting) + ".pdf";

    public static void MapMeetingPapers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/meetings/{id:guid}/papers", (Guid id, HttpContext context, GatewayClient gateway) =>
            RenderedDocuments.PassOnAsync($"/api/meetings/{id}/papers.html", null, context, gateway)).RequireAuthorization(CareMeshPolicies.Staff);
        app.MapGet("/meetings/{id:guid}/papers.pdf", (Guid id, HttpContext context, GatewayClient gateway) =>
            RenderedDocuments.PassOnAsync($"/api/meetings/{id}/papers.pdf", "mdt-papers.pdf", context, gateway)).RequireAuthorization(CareMeshPolicies.Staff);
    }
}
