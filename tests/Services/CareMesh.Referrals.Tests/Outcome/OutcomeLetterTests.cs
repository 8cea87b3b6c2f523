using System.Net;
using System.Net.Http.Headers;
using CareMesh.Contracts.CarePlans;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Tests.Outcome;

/// <summary>The loop closed with the referrer: a letter as HTML, text and PDF; the agreed plan seen on the referral.</summary>
public class OutcomeLetterTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>, IAsyncLifetime
{
    private readonly ReferralsApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> LetterAsync(Guid id, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{id}/outcome-letter");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await _api.Coordinator.SendAsync(request);
    }

    [Fact]
    public async Task The_referrer_gets_the_decision_as_a_page_as_text_and_as_a_PDF()
    {
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(71));

        var html = await LetterAsync(id, "text/html");
        var text = await LetterAsync(id, "text/plain");
        var pdf = await LetterAsync(id, "application/pdf");

        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("Referral outcome: Ada Lovelace", page);
        Assert.Contains("First call this week", page);
        Assert.Contains("871731000000106", await text.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Equal(3, (await _api.AuditOfAsync(ReferralsApiCalls.NhsNumber(71))).Count(a => a.Action == "referral.outcome-letter.read"));
    }

    [Fact]
    public async Task There_is_no_letter_before_a_decision()
    {
        var id = (await _api.CreateReferralAsync()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Conflict, (await LetterAsync(id, "text/html")).StatusCode);
    }

    [Fact]
    public async Task An_agreed_care_plan_shows_on_the_referral()
    {
        var id = await _api.AcceptedReferralAsync(ReferralsApiCalls.NhsNumber(72));
        var agreedAt = new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.Zero);

        await _api.PublishAsync(new CarePlanAgreed(Guid.NewGuid(), id, ReferralsApiCalls.NhsNumber(72), "Y00001", 1, "in-person", false, "user-link-worker", agreedAt,
            new DateOnly(2026, 6, 10), new GpCopy("codes-only", [], null)), Guid.NewGuid());

        await Testing.Eventually.TrueAsync(() => _api.QueryAsync(db => db.Referrals.AnyAsync(r => r.Id == id && r.PlanAgreedAt == agreedAt)), what: "the plan agreed");
        Assert.Equal(agreedAt, (await _api.GetAsync($"/api/referrals/{id}")).GetProperty("contacts").GetProperty("planAgreedAt").GetDateTimeOffset());
    }
}
