using Microsoft.Extensions.Hosting;

namespace CareMesh.ServiceDefaults.Tests.Time;

public class UkTimeTests
{
    [Theory]
    // GMT in winter, BST in summer: the same wall time is a different instant.
    [InlineData("2026-03-24", "09:30", "2026-03-24T09:30:00Z")]
    [InlineData("2026-03-31", "09:30", "2026-03-31T08:30:00Z")]
    [InlineData("2026-10-20", "09:30", "2026-10-20T08:30:00Z")]
    [InlineData("2026-10-27", "09:30", "2026-10-27T09:30:00Z")]
    // 01:30 on 29 March 2026 does not exist: taken as 02:30 BST.
    [InlineData("2026-03-29", "01:30", "2026-03-29T01:30:00Z")]
    // 01:30 on 25 October 2026 happens twice: the first, in BST.
    [InlineData("2026-10-25", "01:30", "2026-10-25T00:30:00Z")]
    public void A_uk_wall_clock_time_names_one_instant(string date, string time, string expected)
    {
        var instant = UkTime.At(DateOnly.Parse(date), TimeOnly.Parse(time));

        Assert.Equal(DateTimeOffset.Parse(expected), instant);
    }

    [Fact]
    public void Today_is_the_uk_date_not_the_utc_one()
    {
        // 23:30 UTC on 30 June is 00:30 BST on 1 July.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-06-30T23:30:00Z"));

        Assert.Equal(new DateOnly(2026, 7, 1), UkTime.Today(clock));
    }
}
