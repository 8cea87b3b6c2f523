using System.Net;
using CareMesh.Referrals.Intake;
using CareMesh.Referrals.Workflow;

namespace CareMesh.Referrals.Tests.Reports;

/// <summary>The kept times from referral to first contact and to first plan, reported per month without patient data.</summary>
public class ResponseTimesTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private readonly ReferralsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task SeedAsync(params (string ReceivedAt, double? ContactAfterDays, double? PlanAfterDays, ReferralStatus Status, bool Merged)[] referrals) =>
        _api.QueryAsync(async db =>
        {
            var i = 0;
            foreach (var (receivedAt, contact, plan, status, merged) in referrals)
            {
                var at = DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture);
                var referral = Referral.Receive(new ReferralDetails(ReferralsApiCalls.NhsNumber(700 + i++), "P", "Q", new DateOnly(1960, 1, 1), "Y00001", "r",
                    Urgency.Routine, ReferralSource.Gp, new PatientContact(null, null, null, null, null, null, null, null, null, null, false),
                    null, null, [], [], new Consent(false, [], null), null), "seed", at);
                referral.Status = status;
                referral.FirstContactAt = contact is { } c ? at.AddDays(c) : null;
                referral.PlanAgreedAt = plan is { } p ? at.AddDays(p) : null;
                referral.MergedIntoId = merged ? Guid.NewGuid() : null;
                db.Referrals.Add(referral);
            }

            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Each_month_gives_the_median_and_90th_percentile_days_to_first_contact_and_first_plan()
    {
        await SeedAsync(
            ("2026-01-05T10:00:00Z", 1, 10, ReferralStatus.InProgress, false),
            ("2026-01-12T10:00:00Z", 2, null, ReferralStatus.InProgress, false),
            // 23:30 UTC on 31 January is still January in the UK (GMT).
            ("2026-01-31T23:30:00Z", 4, null, ReferralStatus.Completed, false),
            ("2026-01-20T10:00:00Z", 30, 30, ReferralStatus.Completed, true),
            ("2026-01-21T10:00:00Z", 30, null, ReferralStatus.EnteredInError, false),
            ("2026-02-03T10:00:00Z", null, null, ReferralStatus.Received, false),
            // 23:30 UTC on 31 March is 1 April in the UK (BST): after the report's last day.
            ("2026-03-31T23:30:00Z", 1, 1, ReferralStatus.InProgress, false));

        var report = await _api.GetAsync("/api/referrals/reports/response-times?from=2026-01-01&to=2026-03-31", _api.TeamLead);

        var months = report.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(["2026-01", "2026-02"], months.Select(m => m.GetProperty("month").GetString()));
        Assert.Equal([3, 1], months.Select(m => m.GetProperty("referrals").GetInt32()));
        var contact = months[0].GetProperty("firstContact");
        Assert.Equal((3, 2.0, 3.6), (contact.GetProperty("count").GetInt32(), contact.GetProperty("medianDays").GetDouble(), contact.GetProperty("p90Days").GetDouble()));
        var plan = months[0].GetProperty("firstPlan");
        Assert.Equal((1, 10.0, 10.0), (plan.GetProperty("count").GetInt32(), plan.GetProperty("medianDays").GetDouble(), plan.GetProperty("p90Days").GetDouble()));
        Assert.Equal(0, months[1].GetProperty("firstContact").GetProperty("count").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, months[1].GetProperty("firstContact").GetProperty("medianDays").ValueKind);
        Assert.DoesNotContain("nhsNumber", report.ToString());
    }

    [Theory]
    [InlineData("?from=2026-03-01&to=2026-02-01", "from")]
    [InlineData("?from=2023-01-01&to=2026-01-01", "to")]
    public async Task A_backwards_or_too_long_range_is_refused_naming_the_field(string query, string field)
    {
        var response = await _api.SendAsync(HttpMethod.Get, $"/api/referrals/reports/response-times{query}", client: _api.TeamLead);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_team_leads_see_the_report()
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/api/referrals/reports/response-times", client: _api.Coordinator);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
