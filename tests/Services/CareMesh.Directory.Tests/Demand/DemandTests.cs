using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Contracts.Referrals;
using CareMesh.Directory.Demand;
using CareMesh.Directory.Tests.OpenReferral;
using CareMesh.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Directory.Tests.Demand;

/// <summary>Referrals sent per service per month, counted from OnwardReferralSent events, with no patient data.</summary>
public class DemandTests(DirectoryServiceFactory factory) : IClassFixture<DirectoryServiceFactory>, IAsyncLifetime
{
    private FeedFixture _fixture = null!;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        _fixture = await FeedFixture.CreateAsync(factory);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_referral_sent_counts_once_in_its_month_however_often_it_is_delivered()
    {
        var bus = factory.Services.GetRequiredService<IBus>();
        var october = new DateTimeOffset(2026, 10, 14, 10, 0, 0, TimeSpan.Zero);
        var november = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
        var repeated = NewId.NextGuid();
        await Send(bus, Sent(_fixture.CounsellingServiceId, october), repeated);
        await Send(bus, Sent(_fixture.CounsellingServiceId, october), repeated);
        await Send(bus, Sent(_fixture.CounsellingServiceId, october));
        await Send(bus, Sent(_fixture.CounsellingServiceId, november));

        var coordinator = factory.CreateClientAs(CareMeshRoles.CareCoordinator);
        var demand = await Eventually.Until(
            () => coordinator.GetFromJsonAsync<JsonElement>($"/api/directory/organisations/{_fixture.MindId}/demand?from=2026-09&to=2026-11"),
            d => Months(d, _fixture.CounsellingServiceId).Values.Sum() == 3,
            what: "three referrals counted");

        Assert.Equal(new Dictionary<string, int> { ["2026-09"] = 0, ["2026-10"] = 2, ["2026-11"] = 1 }, Months(demand, _fixture.CounsellingServiceId));
        Assert.DoesNotContain("nhs", demand.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_partner_sees_its_own_demand_only()
    {
        var own = await factory.CreateClientAs(CareMeshRoles.VcsPartner, _fixture.MindId.ToString()).GetAsync($"/api/directory/organisations/{_fixture.MindId}/demand");
        var other = await factory.CreateClientAs(CareMeshRoles.VcsPartner, _fixture.CarersId.ToString()).GetAsync($"/api/directory/organisations/{_fixture.MindId}/demand");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Theory]
    [InlineData("from=2026-13")]
    [InlineData("from=2026-11&to=2026-01")]
    [InlineData("from=2010-01&to=2026-01")]
    public async Task A_period_that_makes_no_sense_is_a_400_problem(string query)
    {
        var response = await factory.CreateClientAs(CareMeshRoles.TeamLead).GetAsync($"/api/directory/organisations/{_fixture.MindId}/demand?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("2026-05-31T23:30:00Z", "2026-06-01")]
    [InlineData("2026-12-31T23:30:00Z", "2026-12-01")]
    [InlineData("2026-03-01T00:30:00Z", "2026-03-01")]
    public void A_referral_counts_in_its_month_in_UK_time(string sentAt, string month) =>
        Assert.Equal(DateOnly.Parse(month, System.Globalization.CultureInfo.InvariantCulture), DemandMonths.Of(DateTimeOffset.Parse(sentAt, System.Globalization.CultureInfo.InvariantCulture)));

    private static OnwardReferralSent Sent(Guid serviceId, DateTimeOffset at) => new(Guid.NewGuid(), Guid.NewGuid(), serviceId, Guid.NewGuid(), at);

    private static Task Send(IBus bus, OnwardReferralSent message, Guid? messageId = null) =>
        bus.Publish(message, context => context.MessageId = messageId ?? NewId.NextGuid());

    private static Dictionary<string, int> Months(JsonElement demand, Guid serviceId) =>
        demand.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("serviceId").GetGuid() == serviceId)
            .GetProperty("months").EnumerateArray().ToDictionary(m => m.GetProperty("month").GetString()!, m => m.GetProperty("referralsSent").GetInt32());
}
