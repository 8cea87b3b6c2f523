using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.Hosting;

public static class AuditExtensions
{
    /// <summary>Adds <c>audit_events</c> to a service's own database (its migration also makes it append-only: copy the trigger SQL of an existing AuditTrail migration).</summary>
    public static ModelBuilder AddAuditTable(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEvent>(audit =>
        {
            audit.ToTable("audit_events");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Id).UseIdentityAlwaysColumn();
            audit.Property(a => a.UserId).HasMaxLength(200);
            audit.Property(a => a.Role).HasMaxLength(50);
            audit.Property(a => a.Organisation).HasMaxLength(50);
            audit.Property(a => a.Action).HasMaxLength(100);
            audit.Property(a => a.RecordType).HasMaxLength(50);
            audit.Property(a => a.RecordId).HasMaxLength(100);
            audit.Property(a => a.NhsNumber).HasMaxLength(10);
            audit.Property(a => a.Outcome).HasMaxLength(20);
            audit.Property(a => a.TraceId).HasMaxLength(32);
            // Team leads look accesses up by patient and by user.
            audit.HasIndex(a => new { a.NhsNumber, a.OccurredAt });
            audit.HasIndex(a => new { a.UserId, a.OccurredAt });
        });
        return modelBuilder;
    }

    /// <summary>
    /// Records an access by <paramref name="user"/>. It is saved with the next SaveChanges: in the
    /// same transaction as the change it describes, so a write and its audit commit together.
    /// </summary>
    public static void Audit(this DbContext db, ClaimsPrincipal user, string action, string recordType, string? recordId,
        string? nhsNumber, string outcome, TimeProvider clock) =>
        db.Set<AuditEvent>().Add(new AuditEvent
        {
            OccurredAt = clock.GetUtcNow(),
            UserId = user.UserId() ?? "unknown",
            Role = user.Role(),
            Organisation = user.Organisation(),
            Action = action,
            RecordType = recordType,
            RecordId = recordId,
            NhsNumber = nhsNumber,
            Outcome = outcome,
            TraceId = Activity.Current?.TraceId.ToString(),
        });

    /// <summary>The actor for what a service does on its own, such as applying another service's event.</summary>
    public static ClaimsPrincipal SystemActor(string name) =>
        new(new ClaimsIdentity([new Claim("sub", $"system:{name}")], authenticationType: "system"));
}
