using CareMesh.Directory.Listings;
using CareMesh.Directory.Management;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Directory.Tests.Listings;

/// <summary>The rules a listing's fields are held to: the attributes on the request records, run as an endpoint's validation runs them.</summary>
public class ListingRulesTests
{
    [Theory]
    [InlineData("0113 496 0000")]
    [InlineData("+44 113 496 0000")]
    [InlineData("07700 900123")]
    [InlineData("(0113) 496-0000")]
    [InlineData("111")]
    [InlineData("116 123")]
    public void Uk_numbers_in_their_usual_forms_are_phone_numbers(string number) => Assert.True(new ServicePhoneAttribute().IsValid(number));

    [Theory]
    [InlineData("12345")]
    [InlineData("0113 496")]
    [InlineData("+1 212 555 0100")]
    [InlineData("call reception")]
    [InlineData("0113 496 0000 ext 2")]
    public void Other_text_is_not_a_phone_number(string number) => Assert.False(new ServicePhoneAttribute().IsValid(number));

    [Theory]
    [InlineData("sam@example.org", true)]
    [InlineData("Sam <sam@example.org>", false)]
    [InlineData("sam@localhost", false)]
    [InlineData("sam example.org", false)]
    public void Email_addresses_are_bare_addresses_with_a_domain(string text, bool valid) => Assert.Equal(valid, new EmailAttribute().IsValid(text));

    [Theory]
    [InlineData("https://example.org/counselling", true)]
    [InlineData("http://example.org", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("example.org", false)]
    public void Web_addresses_are_absolute_http_or_https(string text, bool valid) => Assert.Equal(valid, new WebAddressAttribute().IsValid(text));

    [Fact]
    public void A_web_address_longer_than_the_limit_is_refused() =>
        Assert.False(new WebAddressAttribute().IsValid("https://example.org/" + new string('a', WebAddressAttribute.MaxLength)));

    [Fact]
    public void A_sensible_weekly_schedule_passes() =>
        Assert.Empty(Errors(Weekly("MO,WE,FR", new TimeOnly(9, 0), new TimeOnly(17, 0))));

    [Theory]
    [InlineData("MO", 17, 9, "schedules[0].closesAt")]
    [InlineData("MO", 9, 9, "schedules[0].closesAt")]
    [InlineData("MONDAY", 9, 17, "schedules[0].byDay")]
    [InlineData("MO,,XX", 9, 17, "schedules[0].byDay")]
    public void Opening_times_that_make_no_sense_are_refused(string byDay, int opens, int closes, string field) =>
        Assert.Contains(field, Errors(Weekly(byDay, new TimeOnly(opens, 0), new TimeOnly(closes, 0))).Keys);

    [Theory]
    [InlineData("1MO,-1FR,tu")]
    [InlineData("MO, WE")]
    public void Days_may_carry_ordinals_and_spaces_and_any_case(string byDay) =>
        Assert.Empty(Errors(Weekly(byDay, new TimeOnly(9, 0), new TimeOnly(17, 0))));

    [Fact]
    public void A_monthly_schedule_names_its_days_and_an_opening_time_needs_a_closing_time()
    {
        var errors = Errors(new Schedule(Guid.Empty, "MONTHLY", null, null, null, new TimeOnly(9, 0), null, null, null, null, null, null));

        Assert.Contains("schedules[0].byMonthDay", errors.Keys);
        Assert.Contains("schedules[0].closesAt", errors.Keys);
    }

    [Theory]
    [InlineData("1,15,-1", true)]
    [InlineData("0", false)]
    [InlineData("32", false)]
    [InlineData("first", false)]
    public void Days_of_the_month_are_1_to_31_or_counted_from_the_end(string byMonthDay, bool valid)
    {
        var errors = Errors(new Schedule(Guid.Empty, "MONTHLY", 1, null, byMonthDay, null, null, null, null, null, null, null));

        Assert.Equal(valid, !errors.ContainsKey("schedules[0].byMonthDay"));
    }

    [Fact]
    public void Ages_stay_within_a_lifetime_and_in_order()
    {
        Assert.Equal(["maximumAge", "minimumAge"], RequestValidation.Errors(Listing() with { MinimumAge = -1, MaximumAge = 200 }).Keys.Order());

        var reversed = RequestValidation.Errors(Listing() with { MinimumAge = 60, MaximumAge = 18 });
        Assert.Equal("The maximum age must not be below the minimum age.", Assert.Single(reversed["maximumAge"]));
    }

    [Fact]
    public void A_waiting_list_says_its_typical_wait_and_an_unknown_status_names_the_known_ones()
    {
        var errors = RequestValidation.Errors(Listing() with { Capacity = "waiting-list", Status = "open" });

        Assert.Equal("The status must be one of: active, inactive, defunct, temporarily closed.", Assert.Single(errors["status"]));
        // Cross-field rules wait until every field has passed: the wait is asked for once the status is right.
        Assert.False(errors.ContainsKey("typicalWaitWeeks"));
        Assert.Contains("typicalWaitWeeks", RequestValidation.Errors(Listing() with { Capacity = "waiting-list" }).Keys);
    }

    [Fact]
    public void A_services_own_cross_field_rules_wait_for_its_parts_as_the_endpoints_validation_does()
    {
        var errors = RequestValidation.Errors(Listing() with { MinimumAge = 60, MaximumAge = 18, Schedules = [Weekly("MO", new TimeOnly(17, 0), new TimeOnly(9, 0))] });

        Assert.Equal(["schedules[0].closesAt"], errors.Keys);
    }

    [Fact]
    public void Every_part_of_a_service_is_bounded()
    {
        var errors = RequestValidation.Errors(Listing() with
        {
            Name = new string('n', Service.MaxNameLength + 1),
            Contacts = [new Contact(Guid.Empty, "Reception", null, null, [new Phone(Guid.Empty, "0113 496 0000", new string('d', 501))])],
            Languages = [new Language(Guid.Empty, "English", "EN")],
            Funding = [new Funding(Guid.Empty, new string('f', 1001))],
            ServiceAreas = [.. Enumerable.Range(0, 51).Select(i => new ServiceArea(Guid.Empty, $"Area {i}", null, null, null, null))],
        });

        Assert.Equal(["contacts[0].phones[0].description", "funding[0].source", "languages[0].code", "name", "serviceAreas"], errors.Keys.Order());
        Assert.Equal("The name must be at most 300 characters.", Assert.Single(errors["name"]));
    }

    [Fact]
    public void A_location_gives_both_coordinates_on_the_earth_or_neither()
    {
        var location = new LocationRequest(Guid.NewGuid(), "physical", "Hub", null, null, null, null, null, null, null);

        Assert.Empty(RequestValidation.Errors(location));
        Assert.Equal(["longitude"], RequestValidation.Errors(location with { Latitude = 53.8 }).Keys);
        Assert.Equal(["latitude"], RequestValidation.Errors(location with { Latitude = 100, Longitude = -1.5 }).Keys);
        Assert.Equal(["addresses[0].addressType"], RequestValidation.Errors(location with
        {
            Addresses = [new Address(Guid.Empty, "1 Main Street", "Leeds", null, "West Yorkshire", "LS1 4AP", "GB", "home", null)],
        }).Keys);
    }

    internal static Schedule Weekly(string byDay, TimeOnly opens, TimeOnly closes) =>
        new(Guid.Empty, "WEEKLY", 1, byDay, null, opens, closes, null, null, null, null, null);

    private static Dictionary<string, string[]> Errors(Schedule schedule) => RequestValidation.Errors(Listing() with { Schedules = [schedule] });

    private static ServiceRequest Listing() => new(
        Guid.NewGuid(), "Community Counselling", null, null, null, "active", null, null, null, null, null, null, null, null,
        "accepting-referrals", null, "signposting-only", null, null, null, null, null, null, null, null);
}
