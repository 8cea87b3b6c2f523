using System.Net;
using System.Text.Json;
using CareMesh.Directory.Import;
using CareMesh.Directory.Listings;
using CareMesh.Directory.Management;
using CareMesh.Directory.OpenReferral;

namespace CareMesh.Directory.Tests.Import;

/// <summary>How a feed's service becomes a request that the management API's rules check.</summary>
public class FeedListingsTests
{
    private static OrukService Example(Action<System.Text.Json.Nodes.JsonObject>? change = null)
    {
        var json = FeedServices.Valid();
        change?.Invoke(json);
        return json.Deserialize<OrukService>(OrukJson.Options)!;
    }

    [Fact]
    public void The_standards_example_maps_to_a_valid_request_with_every_part()
    {
        var rules = new ListingRules();
        var organisationId = Guid.NewGuid();

        var request = FeedListings.Service(Example(), organisationId, [Guid.NewGuid()], [Guid.NewGuid()], existing: null, rules);
        rules.Check(request);

        Assert.True(rules.IsValid, string.Join("; ", rules.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal(organisationId, request.OrganisationId);
        var schedule = Assert.Single(request.Schedules!);
        Assert.Equal((new TimeOnly(10, 0), new TimeOnly(18, 0), "TH,FR"), (schedule.OpensAt!.Value, schedule.ClosesAt!.Value, schedule.ByDay));
        Assert.Equal(new DateOnly(2005, 1, 1), request.AssuredDate);
        Assert.Equal(Guid.Parse("1fdf4d39-3d80-484d-9f92-a8ffa08621e7"), Assert.Single(request.CostOptions!).Id);
        Assert.StartsWith("The service is available to all residents", Assert.Single(request.ServiceAreas!).Description, StringComparison.Ordinal);
        Assert.Equal(("Ann Persona", "Reception Manager"), (request.Contacts![0].Name, request.Contacts[0].Title));
    }

    [Fact]
    public void What_the_standard_lacks_defaults_on_a_new_listing_and_is_kept_on_an_existing_one()
    {
        var existing = new Service
        {
            Name = "Community Counselling", Capacity = Capacity.WaitingList, TypicalWaitWeeks = 4, ReferralRoute = ReferralRoute.DirectReferral,
            IsPublic = false, EligibilityDescription = "Adults in Leeds",
        };

        var created = FeedListings.Service(Example(), Guid.NewGuid(), [], [], existing: null, new ListingRules());
        var updated = FeedListings.Service(Example(), Guid.NewGuid(), [], [], existing, new ListingRules());

        Assert.Equal(("accepting-referrals", "signposting-only", true, null), (created.Capacity, created.ReferralRoute, created.IsPublic, created.TypicalWaitWeeks));
        Assert.Equal(("waiting-list", "direct-referral", false, 4), (updated.Capacity, updated.ReferralRoute, updated.IsPublic, updated.TypicalWaitWeeks));
        Assert.Equal("Adults in Leeds", updated.EligibilityDescription);
    }

    [Fact]
    public void Dates_and_times_the_directory_cannot_hold_are_faults_against_their_fields()
    {
        var rules = new ListingRules();

        FeedListings.Service(Example(s =>
        {
            s["assured_date"] = "1st January";
            s["schedules"]![0]!["opens_at"] = "ten o'clock";
            s["cost_options"]![0]!["valid_to"] = "2022-13-45";
        }), Guid.NewGuid(), [], [], existing: null, rules);

        Assert.Equal(["assuredDate", "costOptions[0].validTo", "schedules[0].opensAt"], rules.Errors.Keys.Order());
    }

    [Fact]
    public void An_imported_service_is_held_to_the_limits_of_one_typed_in()
    {
        var rules = new ListingRules();

        var request = FeedListings.Service(Example(s =>
        {
            s["name"] = new string('n', Service.MaxNameLength + 1);
            s["contacts"]![0]!["phones"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = Guid.NewGuid(), ["number"] = "call reception" });
            s["schedules"]![0]!["byday"] = "MONDAY";
        }), Guid.NewGuid(), [], [], existing: null, rules);
        rules.Check(request);

        Assert.Equal(["contacts[0].phones[0].number", "name", "schedules[0].byDay"], rules.Errors.Keys.Order());
    }

    [Fact]
    public void The_examples_location_and_organisation_map_to_valid_requests()
    {
        var service = Example();
        var locationRules = new ListingRules();
        var organisationRules = new ListingRules();

        var location = FeedListings.Location(service.ServiceAtLocations![0].Location!, Guid.NewGuid());
        locationRules.Check(location);
        var organisation = FeedListings.Organisation(service.Organization!, parentId: null);
        organisationRules.Check(organisation);

        Assert.True(locationRules.IsValid && organisationRules.IsValid);
        Assert.Equal(("1-30 Main Street", "ABC 1234"), (location.Addresses![0].Address1, location.Addresses[0].PostalCode));
        Assert.Equal("GB-COH", Assert.Single(organisation.Identifiers!).IdentifierScheme);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("2a00:1450:4009:81d::200e", false)]
    public void Loopback_and_private_addresses_are_recognised(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, FeedAddress.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://other.example/oruk", "https://other.example/oruk/")]
    [InlineData("https://other.example/oruk/?page=3#top", "https://other.example/oruk/")]
    [InlineData("http://other.example", "http://other.example/")]
    public void A_feeds_address_is_its_base_folder(string text, string expected) =>
        Assert.Equal(expected, FeedAddress.Parse(text, out _)?.ToString());
}
