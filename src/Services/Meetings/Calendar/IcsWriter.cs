using CareMesh.Meetings.Programme;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CareMesh.Meetings.Calendar;

/// <summary>
/// Meetings as iCalendar (RFC 5545) for Outlook and other calendars: one VEVENT per meeting, its
/// start in Europe/London local time with the zone's VTIMEZONE, its length as a DURATION. No RRULE:
/// CareMesh computes each occurrence itself (Ical.Net 5.2.4's own expansion ends an event wrongly
/// when it crosses the repeated autumn hour), and a moved or cancelled meeting is simply its own
/// event with the same UID and a higher SEQUENCE. What is written carries no patient data: title,
/// kind, time, place, video link, chair, and a link back to CareMesh.
/// </summary>
public static class IcsWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const string ZoneId = "Europe/London";

    public static string Write(IEnumerable<MdtMeeting> meetings, string calendarName, string? baseUrl, DateTimeOffset now)
    {
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH", ProductId = "-//CareMesh//MDT meetings//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-WR-TIMEZONE", ZoneId);
        // Calendar clients poll subscribed feeds; once an hour keeps moves and cancellations timely.
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        var list = meetings.ToList();
        if (list.Count > 0)
        {
            // The zone's rules from the earliest meeting's year on: enough for any client to place every event.
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(ZoneId, list.Min(m => m.StartsAt).UtcDateTime.AddYears(-1), includeHistoricalData: false));
        }

        foreach (var meeting in list)
        {
            var local = UkTime.ToUk(meeting.StartsAt).DateTime;
            var description = new List<string> { $"{Describe(meeting.Kind)} MDT, chaired by {meeting.ChairName}." };
            if (meeting.VideoLink is { } video)
            {
                description.Add($"Join: {video}");
            }

            if (baseUrl is not null)
            {
                description.Add($"Agenda and papers in CareMesh: {baseUrl.TrimEnd('/')}/meetings/{meeting.Id}");
            }

            if (meeting.Status == MeetingStatus.Cancelled && meeting.StatusReason is { } reason)
            {
                description.Add($"Cancelled: {reason}");
            }

            var vevent = new CalendarEvent
            {
                Uid = $"{meeting.Id}@caremesh",
                Summary = meeting.Status == MeetingStatus.Cancelled ? $"Cancelled: {meeting.Title}" : meeting.Title,
                Start = new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, ZoneId),
                Duration = Duration.FromMinutes((int)meeting.Duration.TotalMinutes),
                Location = meeting.Location ?? meeting.VideoLink,
                Description = string.Join("\n", description),
                Status = meeting.Status == MeetingStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
                Sequence = meeting.Version,
                DtStamp = new CalDateTime(now.UtcDateTime),
                Transparency = "OPAQUE",
            };
            if (meeting.VideoLink is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri))
            {
                vevent.Url = uri;
            }

            calendar.Events.Add(vevent);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string Describe(MeetingKind kind) => kind switch
    {
        MeetingKind.CaseReview => "Case review",
        MeetingKind.Referral => "Referral",
        MeetingKind.Business => "Business",
        _ => "Handover",
    };
}
