using CareMesh.Directory.Listings;

namespace CareMesh.Directory.Tests.Listings;

public class ServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SixMonths = TimeSpan.FromDays(183);

    [Fact]
    public void A_service_with_no_cost_or_only_zero_costs_is_free()
    {
        var service = new Service { Name = "Walk and talk" };
        service.Refresh([], "Leeds Mind");
        Assert.True(service.IsFree);

        service.CostOptions = [new CostOption(Guid.NewGuid(), "Sessions", 0, null, null, null), new CostOption(Guid.NewGuid(), "Donation", null, "Optional", null, null)];
        service.Refresh([], "Leeds Mind");
        Assert.True(service.IsFree);

        service.CostOptions = [new CostOption(Guid.NewGuid(), "Per visit", 3.5m, null, null, null)];
        service.Refresh([], "Leeds Mind");
        Assert.False(service.IsFree);
    }

    [Fact]
    public void Open_days_gather_every_schedule_and_searches_find_it_by_its_categories_and_provider()
    {
        var service = new Service
        {
            Name = "Carers Café",
            Schedules = [ListingRulesTests.Weekly("MO,TU", new TimeOnly(9, 0), new TimeOnly(12, 0)), ListingRulesTests.Weekly("1SA", new TimeOnly(10, 0), new TimeOnly(12, 0))],
        };

        service.Refresh(["Carers support", "Social activities"], "Carers Leeds");

        Assert.Equal(OpenDays.Monday | OpenDays.Tuesday | OpenDays.Saturday, service.OpenDays);
        Assert.Equal("Carers support Social activities Carers Leeds", service.SearchKeywords);
    }

    [Fact]
    public void A_weekly_rule_without_days_may_fall_on_any_day()
    {
        Assert.Equal(OpenDays.All, OpeningDays.Of(ListingRulesTests.Weekly("", new TimeOnly(9, 0), new TimeOnly(17, 0)) with { ByDay = null }));
        Assert.Equal(OpenDays.Friday, OpeningDays.Of(ListingRulesTests.Weekly("-1FR", new TimeOnly(9, 0), new TimeOnly(17, 0))));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(184, true)]
    [InlineData(183, true)]
    [InlineData(182, false)]
    [InlineData(0, false)]
    public void A_listing_is_due_for_verification_once_the_period_has_passed_since_someone_confirmed_it(int? daysSinceVerified, bool due)
    {
        var service = new Service { Name = "Counselling", VerifiedAt = daysSinceVerified is { } days ? Now.AddDays(-days) : null };

        Assert.Equal(due, service.IsDueForVerification(Now, SixMonths));
    }

    [Theory]
    [InlineData(ServiceStatus.Active, true, false, true)]
    [InlineData(ServiceStatus.Active, false, false, false)]
    [InlineData(ServiceStatus.TemporarilyClosed, true, false, false)]
    [InlineData(ServiceStatus.Active, true, true, false)]
    public void Only_active_public_services_not_withdrawn_are_listed(ServiceStatus status, bool isPublic, bool withdrawn, bool listed)
    {
        var service = new Service { Name = "Counselling", Status = status, IsPublic = isPublic };
        if (withdrawn)
        {
            service.Withdraw("Closed", Now);
        }

        Assert.Equal(listed, service.IsListed);
    }

    [Fact]
    public void Withdrawing_records_why_and_when_and_makes_the_service_defunct()
    {
        var service = new Service { Name = "Counselling", Status = ServiceStatus.Active };

        service.Withdraw("Funding ended", Now);

        Assert.Equal((ServiceStatus.Defunct, Now, "Funding ended"), (service.Status, service.WithdrawnAt!.Value, service.WithdrawnReason));
    }
}
