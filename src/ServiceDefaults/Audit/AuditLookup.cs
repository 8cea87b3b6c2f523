using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// "Who looked at this person's record, and when": a team lead's look-up in a service's own audit
/// trail. The NHS number travels in the body (never in a URL), and the look-up is itself audited.
/// </summary>
public static class AuditLookup
{
    /// <summary>Maps <c>POST {prefix}/audit/lookup</c> for team leads and admins.</summary>
    public static RouteHandlerBuilder MapAuditLookup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapPost($"{prefix.TrimEnd('/')}/audit/lookup", LookUp)
            .WithTags(tag)
            .WithName($"{tag.Replace(" ", "")}AuditLookup")
            .WithSummary("Who accessed a person's records here, and when")
            .WithDescription("Every read and write of this person's records in this service, newest first: who (user, role, organisation), what, when, with what outcome and under which trace. Team leads and admins only.")
            .RequireAuthorization(CareMeshPolicies.AuditLookup);

    public static async Task<Results<Ok<List<AuditEntry>>, ValidationProblem>> LookUp(
        AuditLookupRequest request, ServiceDatabase database, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Mapped from this library, so the services' generated validation does not see it: checked here.
        if (RequestValidation.Errors(request) is { Count: > 0 } errors)
        {
            return ServiceProblems.Invalid("look-up", errors);
        }

        var db = database.Context;
        var nhsNumber = CareMesh.Contracts.NhsNumber.Normalise(request.NhsNumber!);
        var query = db.Set<AuditEvent>().AsNoTracking().Where(a => a.NhsNumber == nhsNumber);
        if (request.From is { } from)
        {
            query = query.Where(a => a.OccurredAt >= from);
        }

        if (request.To is { } to)
        {
            query = query.Where(a => a.OccurredAt < to);
        }

        var entries = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(request.Limit ?? 500)
            .Select(a => new AuditEntry(a.OccurredAt, a.UserId, a.Role, a.Organisation, a.Action, a.RecordType, a.RecordId, a.Outcome, a.TraceId))
            .ToListAsync(cancellationToken);
        db.Audit(user, "audit.read", "patient", nhsNumber, nhsNumber, AuditOutcomes.Succeeded, clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(entries);
    }
}

/// <param name="NhsNumber">The person whose records' accesses to list.</param>
/// <param name="From">Only accesses at or after this time (UTC).</param>
/// <param name="To">Only accesses before this time (UTC).</param>
/// <param name="Limit">At most this many, newest first (default 500).</param>
public sealed record AuditLookupRequest(
    [property: Required, NhsNumber, Description("The person's NHS number: 10 digits.")] [Display(Name = "NHS number")] string? NhsNumber,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    [property: Range(1, 5000)] int? Limit = null);

/// <summary>One access to a person's records.</summary>
public sealed record AuditEntry(
    DateTimeOffset OccurredAt,
    string UserId,
    string? Role,
    string? Organisation,
    string Action,
    string RecordType,
    string? RecordId,
    string Outcome,
    string? TraceId);
