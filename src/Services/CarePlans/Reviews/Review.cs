namespace CareMesh.CarePlans.Reviews;

/// <summary>A review of an agreed plan with the person: what changed, the measures taken at it, and the next review's date.</summary>
public sealed class Review
{
    public const int MaxTextLength = 4000;

    public Guid Id { get; init; }
    public Guid PlanId { get; init; }
    public DateOnly ReviewedOn { get; init; }
    public required string WhatChanged { get; init; }
    public DateOnly NextReviewDue { get; init; }
    public required string ByUserId { get; init; }
    public required string ByName { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

public sealed record ReviewResponse(Guid Id, DateOnly ReviewedOn, string WhatChanged, DateOnly NextReviewDue, string ByName, IReadOnlyList<Guid> MeasureIds);
