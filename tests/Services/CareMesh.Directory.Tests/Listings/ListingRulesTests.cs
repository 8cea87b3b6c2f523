using CareMesh.Directory.Listings;
using CareMesh.Directory.Management;

namespace CareMesh.Directory.Tests.Listings;

public class ListingRulesTests
{
    [Theory]
    [InlineData("0113 496 0000")]
    [InlineData("+44 113 496 0000")]
    [InlineData("07700 900123")]
    [InlineData("(0113) 496-0000")]
    [InlineData("111")]
    [InlineData("116 123")]
    public void Uk_numbers_in_their_usual_forms_are_phone_numbers(string number) => Assert.True(ListingRules.IsUkPhoneNumber(number));

    [Theory]
    [InlineData("12345")]
    [InlineData("0113 496")]
    [InlineData("+1 212 555 0100")]
    [InlineData("call reception")]
    [InlineData("0113 496 0000 ext 2")]
    public void Other_text_is_not_a_phone_number(string number) => Assert.False(ListingRules.IsUkPhoneNumber(number));

    [Theory]
    [InlineData("sam@example.org", true)]
    [InlineData("Sam <sam@example.org>", false)]
    [InlineData("sam@localhost", false)]
    [InlineData("sam example.org", false)]
    public void Email_addresses_are_bare_addresses_with_a_domain(string text, bool valid) => Assert.Equal(valid, ListingRules.IsEmail(text));

    [Theory]
    [InlineData("https://example.org/counselling", true)]
    [InlineData("http://example.org", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("example.org", false)]
    public void Web_addresses_are_absolute_http_or_https(string text, bool valid) => Assert.Equal(valid, ListingRules.IsWebAddress(text));

    [Fact]
    public void A_sensible_weekly_schedule_passes()
    {
        var rules = new ListingRules();

        rules.Schedule(Weekly("MO,WE,FR", new TimeOnly(9, 0), new TimeOnly(17, 0)), "schedules[0]");

        Assert.True(rules.IsValid);
    }

    [Theory]
    [InlineData("MO", 17, 9, "schedules[0].closesAt")]
    [InlineData("MO", 9, 9, "schedules[0].closesAt")]
    [InlineData("MONDAY", 9, 17, "schedules[0].byDay")]
    [InlineData("MO,,XX", 9, 17, "schedules[0].byDay")]
    public void Opening_times_that_make_no_sense_are_refused(string byDay, int opens, int closes, string field)
    {
        var rules = new ListingRules();

        rules.Schedule(Weekly(byDay, new TimeOnly(opens, 0), new TimeOnly(closes, 0)), "schedules[0]");

        Assert.Contains(field, rules.Errors.Keys);
    }

    [Fact]
    public void A_monthly_schedule_names_its_days_and_an_opening_time_needs_a_closing_time()
    {
        var rules = new ListingRules();

        rules.Schedule(new Schedule(Guid.Empty, "MONTHLY", null, null, null, new TimeOnly(9, 0), null, null, null, null, null, null), "s");

        Assert.Contains("s.byMonthDay", rules.Errors.Keys);
        Assert.Contains("s.closesAt", rules.Errors.Keys);
    }

    [Fact]
    public void Ages_stay_within_a_lifetime_and_in_order()
    {
        var rules = new ListingRules();

        rules.AgeRange(-1, 200);
        rules.AgeRange(60, 18);

        Assert.Equal(["minimumAge", "maximumAge"], rules.Errors.Keys);
        Assert.Equal(2, rules.Errors["maximumAge"].Length);
    }

    internal static Schedule Weekly(string byDay, TimeOnly opens, TimeOnly closes) =>
        new(Guid.Empty, "WEEKLY", 1, byDay, null, opens, closes, null, null, null, null, null);
}
