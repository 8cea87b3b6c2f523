using CareMesh.Meetings.Programme;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CareMesh.Meetings.Tests.Programme;

/// <summary>The recurrence rules and the UK local-time rule, without I/O.</summary>
public class RecurrenceTests
{
    public static TheoryData<string, RecurrenceFrequency, int, DayOfWeek, WeekOfMonth?, string, string, string[]> Rules() => new()
    {
        { "every second Tuesday", RecurrenceFrequency.Weekly, 2, DayOfWeek.Tuesday, null, "2026-03-20", "2026-04-30", ["2026-03-24", "2026-04-07", "2026-04-21"] },
        { "weekly from the day itself", RecurrenceFrequency.Weekly, 1, DayOfWeek.Tuesday, null, "2026-03-24", "2026-04-07", ["2026-03-24", "2026-03-31", "2026-04-07"] },
        { "first Thursday of the month", RecurrenceFrequency.Monthly, 1, DayOfWeek.Thursday, WeekOfMonth.First, "2026-01-01", "2026-04-30", ["2026-01-01", "2026-02-05", "2026-03-05", "2026-04-02"] },
        { "last Sunday, October 2027 has five", RecurrenceFrequency.Monthly, 1, DayOfWeek.Sunday, WeekOfMonth.Last, "2027-09-01", "2027-11-30", ["2027-09-26", "2027-10-31", "2027-11-28"] },
        { "fourth Sunday is not the last in October 2027", RecurrenceFrequency.Monthly, 1, DayOfWeek.Sunday, WeekOfMonth.Fourth, "2027-10-01", "2027-10-31", ["2027-10-24"] },
        { "quarterly, third Wednesday", RecurrenceFrequency.Monthly, 3, DayOfWeek.Wednesday, WeekOfMonth.Third, "2026-01-01", "2026-12-31", ["2026-01-21", "2026-04-15", "2026-07-15", "2026-10-21"] },
        { "a month's date before the first date is skipped", RecurrenceFrequency.Monthly, 1, DayOfWeek.Monday, WeekOfMonth.First, "2026-03-03", "2026-04-30", ["2026-04-06"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_rule_names_the_dates_people_mean(string rule, RecurrenceFrequency frequency, int interval, DayOfWeek day, WeekOfMonth? week,
        string from, string through, string[] expected)
    {
        var dates = new Recurrence(frequency, interval, day, week).Dates(DateOnly.Parse(from), DateOnly.Parse(through));

        Assert.True(expected.SequenceEqual(dates.Select(d => d.ToString("yyyy-MM-dd"))), $"{rule}: {string.Join(", ", dates)}");
    }

    public static TheoryData<string, string, string> LocalTimes() => new()
    {
        { "2026-03-24", "09:30", "2026-03-24T09:30:00Z" },
        { "2026-03-31", "09:30", "2026-03-31T08:30:00Z" },
        { "2026-10-20", "09:30", "2026-10-20T08:30:00Z" },
        { "2026-10-25", "09:30", "2026-10-25T09:30:00Z" },
        // The spring change skips 01:00-02:00: 01:30 is taken as the same time after the change (02:30 BST).
        { "2027-03-28", "01:30", "2027-03-28T01:30:00Z" },
        // The autumn change repeats 01:00-02:00: 01:30 is its first occurrence, still BST.
        { "2027-10-31", "01:30", "2027-10-31T00:30:00Z" },
        { "2027-10-31", "02:30", "2027-10-31T02:30:00Z" },
    };

    [Theory]
    [MemberData(nameof(LocalTimes))]
    public void A_UK_wall_clock_time_is_one_instant(string date, string time, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc), UkTime.At(DateOnly.Parse(date), TimeOnly.Parse(time)));

    [Theory]
    [InlineData("2026-03-26T13:00:00Z", 2, "2026-03-24T13:00:00Z")]
    // Good Friday (3 April) and Easter Monday (6 April) are not working days: a Tuesday meeting closes on the Wednesday before, at its time in BST.
    [InlineData("2026-04-07T08:30:00Z", 2, "2026-04-01T08:30:00Z")]
    [InlineData("2026-03-30T08:30:00Z", 1, "2026-03-27T09:30:00Z")]
    [InlineData("2026-03-30T08:30:00Z", 0, "2026-03-30T08:30:00Z")]
    public void The_agenda_closes_working_days_before_at_the_meetings_own_time(string startsAt, int workingDays, string closesAt)
    {
        var calendar = new WorkingCalendar(Options.Create(new WorkingTimeOptions()));

        Assert.Equal(DateTimeOffset.Parse(closesAt), Schedule.AgendaClosesAt(calendar, DateTimeOffset.Parse(startsAt), workingDays));
    }

    [Fact]
    public void The_meeting_workflow_allows_only_what_its_table_says()
    {
        var machine = MeetingWorkflow.Machine;
        foreach (var status in Enum.GetValues<MeetingStatus>())
        {
            foreach (var action in Enum.GetValues<MeetingAction>())
            {
                var expected = (status, action) switch
                {
                    (MeetingStatus.Scheduled, MeetingAction.Change) => MeetingStatus.Scheduled,
                    (MeetingStatus.Scheduled, MeetingAction.Cancel) => MeetingStatus.Cancelled,
                    (MeetingStatus.Scheduled, MeetingAction.Close) => MeetingStatus.Held,
                    (MeetingStatus.Cancelled, MeetingAction.Reinstate) => MeetingStatus.Scheduled,
                    _ => (MeetingStatus?)null,
                };
                Assert.Equal(expected, machine.Next(status, action));
            }
        }

        Assert.Equal([MeetingStatus.Held], machine.FinalStates);
    }
}
