using CareMesh.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareMesh.Referrals.Outcome;

/// <summary>The outcome letter to the referrer, as HTML (default), plain text or PDF by the Accept header.</summary>
public static class OutcomeLetterApi
{
    /// <summary>The HTML page carries its own styles and nothing else.</summary>
    private const string PageSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void MapOutcomeLetterApi(this RouteGroupBuilder referrals) =>
        referrals.MapGet("/{id:guid}/outcome-letter", GetOutcomeLetter).WithName(nameof(GetOutcomeLetter))
            .WithSummary("The outcome letter to the referrer")
            .WithDescription("What was decided (accepted, declined or completed), by whom, next steps and the SNOMED CT codes for the GP record. text/html by default; Accept: text/plain or application/pdf for those. 409 while nothing is decided. Audited as a read.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

    public static async Task<IResult> GetOutcomeLetter(Guid id, [AsParameters] ReferralsContext context, CancellationToken cancellationToken)
    {
        var referral = await context.FindAsync(id, cancellationToken, tracking: false);
        if (referral is null)
        {
            return ServiceProblems.NotFound("referral", id);
        }

        if (ReferrerOutcome.Decision(referral) is null)
        {
            return ServiceProblems.Conflict($"The referral is {WireEnum.Name(referral.Status)}: nothing is decided yet.", "The letter is written once the referral is accepted, declined or completed.");
        }

        context.Audit("referral.outcome-letter.read", "referral", id, referral.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        var letter = ReferrerOutcome.Letter(referral, context.Options.OutcomeCodes);
        context.Http.Response.Headers.CacheControl = "no-store";
        var accept = context.Http.Request.Headers.Accept.ToString();
        if (accept.Contains("application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.File(DocumentPdf.Render(letter), "application/pdf", $"referral-outcome-{id}.pdf");
        }

        if (accept.Contains("text/plain", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Text(DocumentText.Render(letter), "text/plain; charset=utf-8");
        }

        context.Http.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        return TypedResults.Content(DocumentHtml.Render(letter), "text/html; charset=utf-8");
    }
}
