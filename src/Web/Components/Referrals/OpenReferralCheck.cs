using CareMesh.Contracts;
using CareMesh.Web.Gateway;
using Microsoft.AspNetCore.Antiforgery;

namespace CareMesh.Web.Components.Referrals;

/// <summary>
/// The intake form's duplicate warning, asked as the NHS number is typed: the person's oldest open referral, if
/// any. The NHS number travels in the body (never an address), to the service's search, as the user.
/// </summary>
internal static class OpenReferralCheck
{
    public sealed record Question(string? NhsNumber);

    public sealed record Answer(Guid? ReferralId, string? Received);

    public static void MapOpenReferralCheck(this IEndpointRouteBuilder app) =>
        app.MapPost("/referrals/open-for", async (Question question, HttpContext context, IAntiforgery antiforgery, GatewayClient gateway) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            if (question.NhsNumber is not { } typed || !NhsNumber.IsValid(typed))
            {
                return TypedResults.Ok(new Answer(null, null));
            }

            var found = await gateway.PostAsync<List<ReferralView>>("/api/referrals/search", new { nhsNumber = NhsNumber.Normalise(typed), openOnly = true });
            var first = found.Value?.OrderBy(r => r.ReceivedAt).FirstOrDefault();
            return TypedResults.Ok(new Answer(first?.Id, first is null ? null : Words.Date(DateOnly.FromDateTime(first.ReceivedAt.UtcDateTime))));
        }).RequireAuthorization(CareMeshPolicies.Staff);
}
