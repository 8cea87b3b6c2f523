using System.Diagnostics;
using CareMesh.Identity.Data;

namespace CareMesh.Identity.SecurityEvents;

/// <summary>Writes <see cref="SecurityEvent"/>s, each committed at once: a refusal changes nothing else to commit with.</summary>
public sealed class SecurityEventLog(IdentityDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public async Task RecordAsync(string kind, string? accountId = null, string? clientId = null, string? detail = null, string? actorId = null, CancellationToken cancellationToken = default)
    {
        db.SecurityEvents.Add(new SecurityEvent
        {
            OccurredAt = clock.GetUtcNow(),
            Kind = kind,
            AccountId = accountId,
            ClientId = clientId,
            ActorId = actorId,
            Address = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            TraceId = Activity.Current?.TraceId.ToString(),
            Detail = detail is { Length: > 300 } ? detail[..300] : detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
