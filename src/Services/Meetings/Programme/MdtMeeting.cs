namespace CareMesh.Meetings.Programme;

/// <summary>A multidisciplinary team meeting in the PCN's programme.</summary>
public sealed class MdtMeeting
{
    public Guid Id { get; init; }
    public required string Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public TimeSpan Duration { get; set; }
    public string? Location { get; set; }
}
