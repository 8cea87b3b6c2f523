using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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

    /// <summary>
    /// Records one access by <paramref name="user"/> to each of <paramref name="records"/> (a list
    /// read that names many people) as one multi-row INSERT, sent now: the rows of a page cost one
    /// statement instead of one each. It joins the context's transaction when one is open; a read
    /// has nothing else to commit with it.
    /// </summary>
    public static async Task AuditEachAsync(this DbContext db, ClaimsPrincipal user, string action, string recordType,
        IReadOnlyList<(string? RecordId, string? NhsNumber)> records, TimeProvider clock, CancellationToken cancellationToken,
        string outcome = AuditOutcomes.Succeeded)
    {
        if (records.Count == 0)
        {
            return;
        }

        var recordIds = records.Select(r => r.RecordId).ToArray();
        var nhsNumbers = records.Select(r => r.NhsNumber).ToArray();
        var at = clock.GetUtcNow();
        var userId = user.UserId() ?? "unknown";
        var (role, organisation) = (user.Role(), user.Organisation());
        var traceId = Activity.Current?.TraceId.ToString();
        // The table's columns are named by the model (snake_case here), so the statement is too.
        var table = db.Model.FindEntityType(typeof(AuditEvent))!;
        var store = StoreObjectIdentifier.Table(table.GetTableName()!, table.GetSchema());
        string Column(string property) => table.FindProperty(property)!.GetColumnName(store)!;
        var sql = $$"""
            INSERT INTO {{table.GetSchemaQualifiedTableName()}} ({{Column(nameof(AuditEvent.OccurredAt))}}, {{Column(nameof(AuditEvent.UserId))}},
                {{Column(nameof(AuditEvent.Role))}}, {{Column(nameof(AuditEvent.Organisation))}}, {{Column(nameof(AuditEvent.Action))}},
                {{Column(nameof(AuditEvent.RecordType))}}, {{Column(nameof(AuditEvent.RecordId))}}, {{Column(nameof(AuditEvent.NhsNumber))}},
                {{Column(nameof(AuditEvent.Outcome))}}, {{Column(nameof(AuditEvent.TraceId))}})
            SELECT {0}, {1}, {2}::text, {3}::text, {4}, {5}, r.record_id, r.nhs_number, {6}, {7}::text
            FROM unnest({8}::text[], {9}::text[]) AS r(record_id, nhs_number)
            """;
        await db.Database.ExecuteSqlRawAsync(sql,
            [at, userId, OrNull(role), OrNull(organisation), action, recordType, outcome, OrNull(traceId), recordIds, nhsNumbers],
            cancellationToken);
    }

    private static object OrNull(string? value) => (object?)value ?? DBNull.Value;

    /// <summary>The actor for what a service does on its own, such as applying another service's event.</summary>
    public static ClaimsPrincipal SystemActor(string name) =>
        new(new ClaimsIdentity([new Claim("sub", $"system:{name}")], authenticationType: "system"));
}
