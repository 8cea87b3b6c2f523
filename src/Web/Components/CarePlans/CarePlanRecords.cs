namespace CareMesh.Web.Components.CarePlans;

// The CarePlans service's answers as the workspace reads them (docs/care-plans.md, /openapi/careplans.json), wire
// words kept as the service spells them. The sections are read and written whole (PUT .../sections replaces them
// all), so their records carry every field the service keeps, and a form changes only its own part.

public sealed record CarePlanView(
    Guid Id,
    Guid? ReferralId,
    PlanPersonView Person,
    string Status,
    int Version,
    PlanSectionsView Sections,
    IReadOnlyList<GoalView> Goals,
    IReadOnlyList<PlanActionView> Actions,
    IReadOnlyList<string> AllowedSteps,
    DateOnly? ReviewDue,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    string? ClosedReason,
    int Revision)
{
    public bool IsOpen => Status != "closed";
}

public sealed record PlanPersonView(string NhsNumber, string GivenName, string FamilyName, DateOnly DateOfBirth, string PracticeOds);

public sealed record PlanSectionsView(
    AboutMeView? AboutMe,
    IReadOnlyList<DomainNeedView>? Needs,
    CarersView? Carers,
    BenefitsView? BenefitsAndEmployment,
    HealthBudgetView? PersonalHealthBudget,
    SafeguardingView? SafeguardingAndRisk,
    SharingView? Consent,
    PlanContactView? NamedClinicalContact,
    PlanContactView? CareCoordinator);

public sealed record AboutMeView(string? WhatMatters, string? Strengths, string? CommunicationNeeds);

public sealed record DomainNeedView(string? Domain, string? Description);

public sealed record CarersView(bool UnpaidCarerIdentified, string? CarerName, string? Relationship, string? Assessment);

public sealed record BenefitsView(string? Benefits, string? Employment);

public sealed record HealthBudgetView(string? Status, decimal? Amount, DateOnly? ReviewOn);

public sealed record SafeguardingView(string? Notes, IReadOnlyList<string>? RiskFlags);

public sealed record SharingView(bool ConsentToShare, string? GpSharing, string? WhoMaySee);

public sealed record PlanContactView(string? UserId, string? Name, string? Role, string? Organisation, string? Phone);

public sealed record GoalView(Guid Id, string Text, DateOnly? TargetDate, string Status, IReadOnlyList<string> AllowedSteps, IReadOnlyList<PlanHistoryView> Progress);

public sealed record PlanActionView(
    Guid Id,
    Guid? GoalId,
    string Description,
    ActionOwnerView Owner,
    DateOnly? DueOn,
    string Status,
    bool ServiceWithdrawn,
    IReadOnlyList<string> AllowedSteps)
{
    public string OwnerText => Owner.Kind switch
    {
        "named-person" => Owner.Name ?? "A named person",
        "team-role" => Words.Of(Owner.Role),
        "directory-service" => Owner.ServiceName ?? "A directory service",
        "the-person" => "The person themself",
        _ => Words.Of(Owner.Kind),
    };
}

public sealed record ActionOwnerView(string Kind, string? UserId, string? Name, string? Role, Guid? ServiceId, string? ServiceName);

public sealed record PlanHistoryView(DateTimeOffset At, string ByName, string? FromStatus, string? ToStatus, string? Note);

/// <summary>One of a plan's agreed versions (GET .../versions).</summary>
public sealed record PlanVersionView(int Version, string Method, DateTimeOffset AgreedAt, bool CarerPresent, string AgreedByName, DateOnly ReviewDue, string Sharing);

/// <summary>A person's care in care planning (POST /api/care-plans/lookup): only the plans are read.</summary>
public sealed record PatientCareView(IReadOnlyList<PlanSummaryView> Plans);

public sealed record PlanSummaryView(Guid Id, string Status, int Version, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

/// <summary>An agreed plan past its review date (<c>GET /api/care-plans/reviews/overdue</c>).</summary>
public sealed record OverdueReviewView(Guid CarePlanId, PlanPersonView Person, string? CareCoordinatorUserId, string? CareCoordinatorName, DateOnly ReviewDue, int DaysOverdue);

/// <summary>A PAM, ONS4 or SWEMWBS measure (<c>GET /api/care-plans/{id}/measures</c>), with its change since the baseline of its kind.</summary>
public sealed record MeasureView(Guid Id, string Kind, DateOnly MeasuredOn, bool IsBaseline, decimal? Score, int? Level, int? RawTotal, decimal? ChangeSinceBaseline,
    IReadOnlyList<Ons4AnswerView>? Ons4, IReadOnlyList<int> Answers);

public sealed record Ons4AnswerView(string Question, int Answer, string Band, int? ChangeSinceBaseline);
