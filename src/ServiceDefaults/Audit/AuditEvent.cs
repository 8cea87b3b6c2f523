namespace Microsoft.Extensions.Hosting;

/// <summary>
/// One read or write of patient-identifiable data: who (user, role, organisation), what (action,
/// record, patient), when, with what outcome, under which trace. Rows are only ever added: the
/// table refuses updates and deletes.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string UserId { get; init; }
    public string? Role { get; init; }
    public string? Organisation { get; init; }

    /// <summary>What was done, as <c>&lt;record&gt;.&lt;verb&gt;</c>: <c>referral.create</c>, <c>patient.read</c>.</summary>
    public required string Action { get; init; }

    public required string RecordType { get; init; }
    public string? RecordId { get; init; }
    public string? NhsNumber { get; init; }
    public required string Outcome { get; init; }
    public string? TraceId { get; init; }
}

public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";
    public const string NotFound = "not-found";
    public const string Denied = "denied";
}
