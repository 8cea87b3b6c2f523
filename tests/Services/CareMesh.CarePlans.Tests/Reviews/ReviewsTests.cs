using System.Net;
using System.Net.Http.Json;
using CareMesh.CarePlans.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CareMesh.CarePlans.Tests.Reviews;

/// <summary>Review dates: announced once per due date by the daily check (the clock under the test's control), reviews setting the next, overdue lists.</summary>
public class ReviewsTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>, IAsyncLifetime
{
    private readonly CarePlansApiCalls _api = new(factory);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_review_falling_due_is_announced_once_and_the_review_sets_the_next_date_which_is_announced_in_its_turn()
    {
        await factory.Broker.BindQueueAsync(CarePlansApiCalls.Exchange("CarePlanReviewDue"), "review-due-probe");
        await factory.Broker.BindQueueAsync(CarePlansApiCalls.Exchange("CarePlanReviewed"), "reviewed-probe");
        factory.Clock.SetTo(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero));
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        var agreed = await _api.PostAsync($"/api/care-plans/{id}/agree", new { method = "in-person", carerPresent = false });
        // The default: 12 weeks after the day it was agreed.
        Assert.Equal("2026-06-01", agreed.GetProperty("reviewDue").GetString());

        // The evening before (UK time, summer): not yet due.
        factory.Clock.SetTo(new DateTimeOffset(2026, 5, 31, 22, 30, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<ReviewDueCheck>();
        Assert.Null(await AnnouncedForAsync(id));
        // 23:30 UTC on 31 May is 00:30 on 1 June in London: due. Run twice, and again days later: one announcement.
        factory.Clock.SetTo(new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<ReviewDueCheck>();
        await factory.Services.RunScheduledCheckAsync<ReviewDueCheck>();
        factory.Clock.Advance(TimeSpan.FromDays(3));
        await factory.Services.RunScheduledCheckAsync<ReviewDueCheck>();
        Assert.Equal(new DateOnly(2026, 6, 1), await AnnouncedForAsync(id));

        var overdue = await _api.GetAsync("/api/care-plans/reviews/overdue");
        var listed = Assert.Single(overdue.EnumerateArray());
        Assert.Equal((id, 3, "Sam Jones"), (listed.GetProperty("carePlanId").GetGuid(), listed.GetProperty("daysOverdue").GetInt32(),
            listed.GetProperty("careCoordinatorName").GetString()));
        Assert.Empty((await _api.GetAsync("/api/care-plans/reviews/overdue", _api.Clinician)).EnumerateArray());
        Assert.Single((await _api.GetAsync($"/api/care-plans/reviews/overdue?coordinator={CarePlansApiCalls.CoordinatorUserId}", _api.Clinician)).EnumerateArray());
        Assert.Empty((await _api.GetAsync("/api/care-plans/reviews/overdue?coordinator=all", _api.OtherPractice)).EnumerateArray());

        var pam = (await _api.PostAsync($"/api/care-plans/{id}/measures/activation", new { score = 58.2m, measuredOn = "2026-06-04" }, expected: HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var review = await _api.PostAsync($"/api/care-plans/{id}/reviews", new
        {
            reviewedOn = "2026-06-04", whatChanged = "Walks to the allotment weekly", nextReviewDue = "2026-08-27", measureIds = new[] { pam },
        }, expected: HttpStatusCode.Created);
        Assert.Equal([pam], review.GetProperty("measureIds").EnumerateArray().Select(m => m.GetGuid()));
        var plan = await _api.GetAsync($"/api/care-plans/{id}");
        Assert.Equal(("agreed", 1, "2026-08-27"), (plan.GetProperty("status").GetString(), plan.GetProperty("version").GetInt32(), plan.GetProperty("reviewDue").GetString()));
        Assert.Empty((await _api.GetAsync("/api/care-plans/reviews/overdue")).EnumerateArray());
        Assert.Equal(review.GetProperty("id").GetGuid(), (await _api.GetAsync($"/api/care-plans/{id}/measures"))[0].GetProperty("reviewId").GetGuid());

        factory.Clock.SetTo(new DateTimeOffset(2026, 8, 27, 8, 0, 0, TimeSpan.Zero));
        await factory.Services.RunScheduledCheckAsync<ReviewDueCheck>();
        await factory.Services.RunScheduledCheckAsync<ReviewDueCheck>();

        var due = await _api.PublishedAsync("review-due-probe", m => m.GetProperty("carePlanId").GetGuid() == id, seen => seen.Count >= 2, "two CarePlanReviewDue");
        await Task.Delay(300);
        due.AddRange((await factory.Broker.TakeMessagesAsync("review-due-probe")).Where(m => m.GetProperty("carePlanId").GetGuid() == id));
        Assert.Equal(["2026-06-01", "2026-08-27"], due.Select(m => m.GetProperty("reviewDue").GetString()));
        Assert.Equal(CarePlansApiCalls.CoordinatorUserId, due[0].GetProperty("careCoordinatorUserId").GetString());
        var reviewed = await _api.PublishedAsync("reviewed-probe", m => m.GetProperty("carePlanId").GetGuid() == id, seen => seen.Count >= 1, "CarePlanReviewed");
        Assert.Equal("Review of personalised care and support plan", reviewed[0].GetProperty("code").GetProperty("display").GetString());
    }

    [Fact]
    public async Task A_draft_is_not_reviewed_and_a_review_naming_another_plans_measure_or_an_earlier_next_date_is_refused()
    {
        var id = (await _api.OpenAsync("9434765919")).GetProperty("id").GetGuid();
        var draft = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/reviews", new { reviewedOn = "2026-03-09", whatChanged = "x", nextReviewDue = "2026-06-01" });
        await _api.PostAsync($"/api/care-plans/{id}/agree", new { method = "phone", carerPresent = false });
        var foreign = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/reviews",
            new { reviewedOn = "2026-03-09", whatChanged = "x", nextReviewDue = "2026-06-01", measureIds = new[] { Guid.NewGuid() } });
        var backwards = await _api.Coordinator.PostAsJsonAsync($"/api/care-plans/{id}/reviews", new { reviewedOn = "2026-03-09", whatChanged = "x", nextReviewDue = "2026-03-01" });

        Assert.Equal(HttpStatusCode.Conflict, draft.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(0, await _api.QueryAsync(db => db.Reviews.CountAsync()));
    }

    private Task<DateOnly?> AnnouncedForAsync(Guid id) =>
        _api.QueryAsync(db => db.Plans.Where(p => p.Id == id).Select(p => p.ReviewDueAnnouncedFor).SingleAsync());
}
