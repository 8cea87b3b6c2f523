namespace CareMesh.Meetings.Calendar;

/// <summary>
/// A user's calendar subscription. The link's secret is the credential a calendar client presents
/// (it cannot send a bearer token); only its SHA-256 hash is stored, so the table cannot give it
/// away. Renewing replaces it; revoking removes it.
/// </summary>
public sealed class CalendarFeed
{
    public required string UserId { get; init; }
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastReadAt { get; set; }
}
