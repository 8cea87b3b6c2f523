using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CareMesh.ServiceDefaults.Tests.Time;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = new(Options.Create(new WorkingTimeOptions()));

    [Theory]
    // Within one day (GMT).
    [InlineData("2026-11-23T10:00:00Z", 4, "2026-11-23T14:00:00Z")]
    // Friday 17:00 with four hours: 1.5 on Friday, 2.5 on Monday from 08:00.
    [InlineData("2026-11-27T17:00:00Z", 4, "2026-11-30T10:30:00Z")]
    // Raised at night: counting starts when the day does.
    [InlineData("2026-11-24T22:00:00Z", 4, "2026-11-25T12:00:00Z")]
    // In summer (BST): 09:00 BST is 08:00Z.
    [InlineData("2026-07-01T08:00:00Z", 4, "2026-07-01T12:00:00Z")]
    // Christmas: Thursday 24 December 17:30 with four hours skips the 25th, the weekend and the 28th (Boxing Day's substitute).
    [InlineData("2026-12-24T17:30:00Z", 4, "2026-12-29T11:00:00Z")]
    public void Working_hours_skip_nights_weekends_and_bank_holidays(string start, int hours, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected), Calendar.AddWorkingHours(DateTimeOffset.Parse(start), TimeSpan.FromHours(hours)));
    }

    [Theory]
    [InlineData("2026-11-26", 2, "2026-11-24")]
    // Two working days before a Tuesday is the Friday before.
    [InlineData("2026-12-01", 2, "2026-11-27")]
    // Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days.
    [InlineData("2026-04-08", 2, "2026-04-02")]
    public void Working_days_before_a_date_skip_weekends_and_bank_holidays(string date, int days, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), Calendar.WorkingDaysBefore(DateOnly.Parse(date), days));
    }

    [Fact]
    public void A_pcn_can_configure_its_own_day_and_holidays()
    {
        var calendar = new WorkingCalendar(Options.Create(new WorkingTimeOptions
        {
            DayStarts = new TimeOnly(9, 0),
            DayEnds = new TimeOnly(17, 0),
            Holidays = [new DateOnly(2026, 11, 23)],
        }));

        // Friday 16:00 + 2h: one hour Friday, Monday is a holiday, one hour Tuesday from 09:00.
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T10:00:00Z"), calendar.AddWorkingHours(DateTimeOffset.Parse("2026-11-20T16:00:00Z"), TimeSpan.FromHours(2)));
    }
}
