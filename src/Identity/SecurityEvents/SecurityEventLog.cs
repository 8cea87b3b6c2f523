using System.Diagnostics;
using CareMesh.Identity.Data;

namespace CareMesh.Identity.SecurityEvents;

/// <summary>Writes <see cref="SecurityEvent"/>s, each committed at once: a refusal changes nothing else to commit with.</summary>
public sealed class SecurityEventLog(IdentityDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Whether this request (the log is scoped) has recorded an event already.</summary>
    public bool Recorded { get; private set; }

    public async Task RecordAsync(string kind, string? accountId = null, string? clientId = null, string? detail = null, string? actorId = null, CancellationToken cancellationToken = default)
    {
        db.SecurityEvents.Add(new SecurityEvent
        {
            OccurredAt = clock.GetUtcNow(),
            Kind = kind,
            // A refused request's client id is whatever the caller sent: cut to the column, never a failed write.
            AccountId = Cut(accountId, 200),
            ClientId = Cut(clientId, 200),
            ActorId = Cut(actorId, 200),
            Address = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            TraceId = Activity.Current?.TraceId.ToString(),
            Detail = Cut(detail, 300),
        });
        await db.SaveChangesAsync(cancellationToken);
        Recorded = true;
    }

    private static string? Cut(string? value, int length) => value is { } text && text.Length > length ? text[..length] : value;
}
