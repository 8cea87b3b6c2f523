using System.Net;

namespace CareMesh.Referrals.Tests.Contacts;

/// <summary>Contacts and failed attempts: the configured rule (three in 14 days) flags a referral for a decision.</summary>
public class ContactTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private readonly ReferralsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<System.Text.Json.JsonElement> Contact(Guid id, DateTimeOffset at, string outcome, string? nextDue = null) =>
        _api.PostAsync($"/api/referrals/{id}/contacts", new { at, method = "phone", durationMinutes = 5, outcome, nextContactDue = nextDue }, expected: HttpStatusCode.Created);

    [Fact]
    public async Task Three_failed_attempts_within_14_days_flag_the_referral_and_reaching_the_person_clears_it()
    {
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(41));
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(-13).UtcDateTime.Date, TimeSpan.Zero);
        await Contact(id, start, "no-answer");
        await Contact(id, start.AddDays(5), "left-message");
        Assert.False((await _api.GetAsync($"/api/referrals/{id}")).GetProperty("contacts").GetProperty("decisionNeeded").GetBoolean());

        await Contact(id, start.AddDays(12), "wrong-number");

        var flagged = await _api.GetAsync($"/api/referrals/{id}");
        Assert.True(flagged.GetProperty("contacts").GetProperty("decisionNeeded").GetBoolean());
        var decisions = await _api.GetAsync("/api/caseload?decisionNeeded=true", _api.LinkWorker);
        Assert.Equal(id, decisions.GetProperty("items")[0].GetProperty("id").GetGuid());

        await Contact(id, start.AddDays(13), "reached", "2099-01-01");
        var reached = await _api.GetAsync($"/api/referrals/{id}");
        Assert.False(reached.GetProperty("contacts").GetProperty("decisionNeeded").GetBoolean());
        Assert.Equal(start.AddDays(13), reached.GetProperty("contacts").GetProperty("firstContactAt").GetDateTimeOffset());
        Assert.Equal("2099-01-01", reached.GetProperty("contacts").GetProperty("nextContactDue").GetString());
        Assert.Equal(4, (await _api.GetAsync($"/api/referrals/{id}/contacts")).GetArrayLength());
    }

    [Fact]
    public async Task Attempts_spread_wider_than_the_window_do_not_flag()
    {
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(42));
        var start = DateTimeOffset.UtcNow.AddDays(-30);

        await Contact(id, start, "no-answer");
        await Contact(id, start.AddDays(10), "no-answer");
        await Contact(id, start.AddDays(20), "no-answer");

        Assert.False((await _api.GetAsync($"/api/referrals/{id}")).GetProperty("contacts").GetProperty("decisionNeeded").GetBoolean());
    }

    [Fact]
    public async Task A_contact_in_the_future_or_on_a_closed_referral_is_refused()
    {
        var id = (await _api.CreateReferralAsync()).GetProperty("id").GetGuid();
        await _api.PostAsync($"/api/referrals/{id}/contacts", new { at = DateTimeOffset.UtcNow.AddDays(2), method = "phone", outcome = "reached" }, expected: HttpStatusCode.BadRequest);
        await _api.MoveAsync(id, new { action = "cancel", reason = "Withdrawn" });

        await _api.PostAsync($"/api/referrals/{id}/contacts", new { at = DateTimeOffset.UtcNow, method = "phone", outcome = "reached" }, expected: HttpStatusCode.Conflict);
    }
}
