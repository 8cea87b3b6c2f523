namespace CareMesh.Meetings.Programme;

/// <summary>What the OpenAPI document shows for the programme's endpoints.</summary>
internal static class ProgrammeExamples
{
    private static readonly Guid SeriesId = Guid.Parse("0193a1b2-7c00-7000-8000-000000000001");
    private static readonly Guid MeetingId = Guid.Parse("0193a1b2-7c00-7000-8000-000000000002");
    private static readonly DateTimeOffset StartsAt = new(2026, 3, 31, 8, 30, 0, TimeSpan.Zero);

    public static readonly SeriesRequest Series = new(
        "case-review", "Leeds North PCN case review", "pcn", "U12345",
        new PersonRequest("dr.patel", "Dr Asha Patel"),
        new RecurrenceRequest("weekly", 2, "tuesday", null),
        "09:30", 90, new DateOnly(2026, 3, 24), null, "Chapel Allerton Health Centre, room 2", "https://teams.microsoft.com/l/meetup-join/example",
        [new CoreMemberRequest("gp", "Y00001", "dr.patel", "Dr Asha Patel"), new CoreMemberRequest("care-coordinator", "U12345", "sam.jones", "Sam Jones"),
         new CoreMemberRequest("social-worker", "Leeds City Council", null, null)],
        new QuorumRequest(["gp", "care-coordinator"], 3), null, null);

    public static readonly MeetingSummary Summary = new(MeetingId, "Leeds North PCN case review", StartsAt, TimeSpan.FromMinutes(90),
        "Chapel Allerton Health Centre, room 2", MeetingKind.CaseReview, MeetingStatus.Scheduled, SeriesId, "https://teams.microsoft.com/l/meetup-join/example",
        "Dr Asha Patel", false);

    public static readonly SeriesResponse SeriesAnswer = new(SeriesId, MeetingKind.CaseReview, "Leeds North PCN case review", MeetingScope.Pcn, "U12345",
        new PersonResponse("dr.patel", "Dr Asha Patel"), new RecurrenceResponse(RecurrenceFrequency.Weekly, 2, DayOfWeek.Tuesday, null, "every 2 weeks on Tuesday"),
        "09:30", 90, new DateOnly(2026, 3, 24), null, "Chapel Allerton Health Centre, room 2", "https://teams.microsoft.com/l/meetup-join/example",
        [new CoreMember(MdtRole.Gp, "Y00001", "dr.patel", "Dr Asha Patel"), new CoreMember(MdtRole.CareCoordinator, "U12345", "sam.jones", "Sam Jones")],
        new QuorumRule([MdtRole.Gp, MdtRole.CareCoordinator], 3), 2, 24, new DateOnly(2026, 9, 22), false, 1, [Summary]);

    public static readonly NewMeetingRequest NewMeeting = new("handover", "Winter pressures handover", "practice", "Y00001",
        new PersonRequest("dr.patel", "Dr Asha Patel"), new DateOnly(2026, 12, 22), "13:00", 60, null, "https://teams.microsoft.com/l/meetup-join/example",
        null, new QuorumRequest(["gp"], 2), null, null);

    public static readonly MoveMeetingRequest Move = new(new DateOnly(2026, 4, 1), "13:00", null, null, null, "Chair on leave on the Tuesday");

    public static readonly MeetingResponse Meeting = new(MeetingId, "Leeds North PCN case review", MeetingKind.CaseReview, MeetingScope.Pcn, "U12345", SeriesId,
        new DateOnly(2026, 3, 31), StartsAt, StartsAt.AddMinutes(90), "2026-03-31", "09:30", 90, "Chapel Allerton Health Centre, room 2", null,
        new PersonResponse("dr.patel", "Dr Asha Patel"), [new CoreMember(MdtRole.Gp, "Y00001", "dr.patel", "Dr Asha Patel")],
        new QuorumRule([MdtRole.Gp, MdtRole.CareCoordinator], 3), MeetingStatus.Scheduled, null, null,
        new DateTimeOffset(2026, 3, 27, 9, 30, 0, TimeSpan.Zero), false, StartsAt.AddHours(-24), null, false, null, null, ["change", "cancel", "close"], 1);
}
