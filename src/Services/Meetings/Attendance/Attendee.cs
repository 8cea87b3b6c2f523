using CareMesh.Meetings.Programme;

namespace CareMesh.Meetings.Attendance;

public enum AttendanceStatus
{
    Present,
    Apologies,
    Absent,
}

/// <summary>Someone expected at, or at, a meeting: their role and organisation, and whether they came.</summary>
public sealed class Attendee
{
    public const int MaxNameLength = 200;

    public Guid Id { get; init; }
    public Guid MeetingId { get; init; }
    public string? UserId { get; set; }
    public required string Name { get; set; }
    public MdtRole Role { get; set; }
    public required string Organisation { get; set; }
    public AttendanceStatus Status { get; set; }
}
