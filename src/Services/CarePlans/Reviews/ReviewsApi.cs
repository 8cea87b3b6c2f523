using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.CarePlans.Coding;
using CareMesh.CarePlans.Plans;
using CareMesh.Contracts.CarePlans;
using CareMesh.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Reviews;

/// <summary>Reviews of agreed plans, and the reviews overdue on each coordinator's caseload.</summary>
public static class ReviewsApi
{
    public const int PageLimit = 500;

    public static void MapReviewsApi(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{id:guid}/reviews", ReviewPlan).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(ReviewPlan))
            .WithSummary("Record a review of the agreed plan")
            .WithDescription("What changed, the measures taken at it (ids of measures recorded on this plan), and the next review date. The plan stays agreed; a change to its content afterwards starts the next draft version. Publishes CarePlanReviewed with its SNOMED CT code. Send If-Match.")
            .WithExamples(ReviewExamples.New, ReviewExamples.Review, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        plans.MapGet("/{id:guid}/reviews", GetReviews).WithName(nameof(GetReviews))
            .WithSummary("The plan's reviews")
            .WithDescription("Oldest first, each with what changed, the measures taken and the next date set. Audited as a read.")
            .WithExamples(response: new[] { ReviewExamples.Review });
        plans.MapGet("/reviews/overdue", GetOverdueReviews).WithName(nameof(GetOverdueReviews))
            .WithSummary("Overdue reviews, per coordinator")
            .WithDescription("Agreed plans whose review date has passed (UK today), most overdue first, of the plans the caller may see: the caller's own caseload by default, coordinator=<user id> for another's, coordinator=all for everyone's. Each person listed is audited as read.")
            .WithExamples(response: new[] { ReviewExamples.Overdue });
    }

    public static async Task<Results<Created<ReviewResponse>, ValidationProblem, ProblemHttpResult>> ReviewPlan(
        Guid id, ReviewRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var (plan, refusal) = await PlanChanges.BeginAsync(id, context, cancellationToken, revises: false);
        if (plan is null)
        {
            return refusal!;
        }

        if (!PlanWorkflow.Machine.Allows(plan.Status, PlanStep.Review))
        {
            return PlanWorkflow.Machine.Refusal("care plan", plan.Status, PlanStep.Review);
        }

        var measureIds = request.MeasureIds ?? [];
        var measures = await context.Db.Measurements.Where(m => m.PlanId == id && measureIds.Contains(m.Id)).ToListAsync(cancellationToken);
        if (measures.Count != measureIds.Distinct().Count())
        {
            return ServiceProblems.Invalid("review", "measureIds", "Name only measures recorded on this plan.");
        }

        var review = new Review
        {
            Id = Guid.CreateVersion7(context.Now), PlanId = plan.Id, ReviewedOn = request.ReviewedOn!.Value, WhatChanged = request.WhatChanged!,
            NextReviewDue = request.NextReviewDue!.Value, ByUserId = context.UserId, ByName = context.UserName, RecordedAt = context.Now,
        };
        context.Db.Reviews.Add(review);
        measures.ForEach(m => m.ReviewId = review.Id);
        plan.ReviewDue = review.NextReviewDue;
        context.Record(plan, HistorySubject.Review, review.Id, null, null, review.WhatChanged);
        context.Db.AddIntegrationEvent(new CarePlanReviewed(plan.Id, plan.ReferralId, plan.NhsNumber, plan.PracticeOds, review.Id, review.ReviewedOn, review.NextReviewDue,
            context.UserId, context.Codes.For(CodedActivity.PlanReviewed), context.Now), context.Clock);
        await PlanChanges.SaveAsync(plan, context, "care-plan.review", cancellationToken);
        return TypedResults.Created($"/api/care-plans/{plan.Id}/reviews", ResponseOf(review, measures.Select(m => m.Id)));
    }

    public static async Task<Results<Ok<List<ReviewResponse>>, ProblemHttpResult>> GetReviews(
        Guid id, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var plan = await context.Db.Plans.AsNoTracking().Where(PlanAccess.Visible(context.User, context.Options)).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return ServiceProblems.NotFound("care plan", id);
        }

        var reviews = await context.Db.Reviews.AsNoTracking().Where(r => r.PlanId == id).OrderBy(r => r.ReviewedOn).ThenBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        var measures = await context.Db.Measurements.AsNoTracking().Where(m => m.PlanId == id && m.ReviewId != null)
            .Select(m => new { m.Id, m.ReviewId }).ToListAsync(cancellationToken);
        context.Audit("care-plan.read", "care-plan", plan.Id, plan.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(reviews.Select(r => ResponseOf(r, measures.Where(m => m.ReviewId == r.Id).Select(m => m.Id))).ToList());
    }

    public static async Task<Ok<List<OverdueReviewResponse>>> GetOverdueReviews(
        string? coordinator, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var today = context.Today;
        var plans = context.Db.Plans.AsNoTracking().Where(PlanAccess.Visible(context.User, context.Options))
            .Where(p => p.Status == PlanStatus.Agreed && p.ReviewDue < today);
        if (coordinator != "all")
        {
            var whose = coordinator ?? context.UserId;
            plans = plans.Where(p => p.CareCoordinatorUserId == whose);
        }

        var overdue = await plans.OrderBy(p => p.ReviewDue).Take(PageLimit).Include(p => p.Patient).ToListAsync(cancellationToken);
        await context.AuditEachAsync("care-plan.read", "care-plan", overdue.Select(p => (p.Id, (string?)p.NhsNumber)), cancellationToken);
        return TypedResults.Ok(overdue.Select(p => new OverdueReviewResponse(p.Id, PersonResponse.From(p.Patient), p.CareCoordinatorUserId,
            p.Sections.CareCoordinator?.Name, p.ReviewDue!.Value, today.DayNumber - p.ReviewDue.Value.DayNumber)).ToList());
    }

    private static ReviewResponse ResponseOf(Review review, IEnumerable<Guid> measureIds) =>
        new(review.Id, review.ReviewedOn, review.WhatChanged, review.NextReviewDue, review.ByName, [.. measureIds]);
}

public sealed record ReviewRequest(
    [property: Required, NotInFuture] [Display(Name = "date reviewed")] DateOnly? ReviewedOn,
    [property: Required, Text(Review.MaxTextLength), Description("What changed since the plan was agreed or last reviewed.")] [Display(Name = "what changed")] string? WhatChanged,
    [property: Required, Description("The next review's date.")] [Display(Name = "next review date")] DateOnly? NextReviewDue,
    [property: Items(20), Description("Measures taken at the review, recorded on the plan first.")] [Display(Name = "measures taken")] IReadOnlyList<Guid>? MeasureIds) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReviewedOn is { } on && NextReviewDue is { } next && next <= on)
        {
            yield return new ValidationResult("The next review must be after this one.", [nameof(NextReviewDue)]);
        }
    }
}

public sealed record OverdueReviewResponse(Guid CarePlanId, PersonResponse Person, string? CareCoordinatorUserId, string? CareCoordinatorName, DateOnly ReviewDue, int DaysOverdue);

internal static class ReviewExamples
{
    public static readonly ReviewRequest New = new(new DateOnly(2026, 6, 1), "Walks to the allotment weekly; no falls since March. Carer's assessment done.",
        new DateOnly(2026, 8, 24), [Guid.Parse("0193a1b2-7c00-7000-8000-000000000600")]);

    public static readonly ReviewResponse Review = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000700"), New.ReviewedOn!.Value, New.WhatChanged!,
        New.NextReviewDue!.Value, "Sam Jones", [.. New.MeasureIds!]);

    public static readonly OverdueReviewResponse Overdue = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000100"),
        new PersonResponse("9434765919", "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001"), "user-care-coordinator", "Sam Jones", new DateOnly(2026, 6, 1), 3);
}
