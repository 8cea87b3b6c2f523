namespace CareMesh.Web.Components.Referrals;

// The Referrals service's answers as the workspace reads them (docs/referrals.md, /openapi/referrals.json):
// only the fields pages show; wire words (statuses, roles) kept as the service spells them.

public sealed record CaseloadPage(string Member, int Total, int Page, int PageSize, IReadOnlyDictionary<string, int> CountsByStatus, IReadOnlyList<CaseloadRow> Items);

public sealed record CaseloadRow(
    Guid Id,
    string NhsNumber,
    string GivenName,
    string FamilyName,
    string PracticeOds,
    string Status,
    string Urgency,
    string Complexity,
    IReadOnlyList<string> RiskFlags,
    DateTimeOffset ReceivedAt,
    int AgeDays,
    DateTimeOffset? LastContactAt,
    DateOnly? NextContactDue,
    bool ContactOverdue,
    bool DecisionNeeded,
    int PendingOnwardReferrals,
    int OpenEscalations);

public sealed record ReferralView(
    Guid Id,
    PatientView Patient,
    string Reason,
    string Urgency,
    string Source,
    string Status,
    DateTimeOffset ReceivedAt,
    string Complexity,
    ReferrerView? Referrer,
    string? WhatMatters,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> RiskFlags,
    ConsentView Consent,
    Guid? PossibleDuplicateOf,
    Guid? MergedInto,
    string? TriagedRole,
    AllocationView? Allocation,
    ClinicianView? NamedClinician,
    HoldView? Hold,
    DeclineView? Decline,
    string? Outcome,
    string? NextSteps,
    DateTimeOffset? ClosedAt,
    ContactSummaryView Contacts,
    IReadOnlyList<string> AllowedActions,
    int Version);

public sealed record PatientView(string NhsNumber, string GivenName, string FamilyName, DateOnly DateOfBirth, string PracticeOds, PatientContactView? Contact);

public sealed record PatientContactView(string? AddressLine1, string? AddressLine2, string? Town, string? Postcode, string? Phone, string? Email, string? PreferredContactMethod);

public sealed record ReferrerView(string Name, string? Role, string? Organisation);

public sealed record ConsentView(bool ToShare, IReadOnlyList<string> With);

public sealed record AllocationView(string UserId, string Name, string Role, DateTimeOffset AllocatedAt);

public sealed record ClinicianView(string UserId, string Name);

public sealed record HoldView(string Reason, DateOnly? Until);

public sealed record DeclineView(string ReasonCode, string? ReasonText);

public sealed record ContactSummaryView(DateTimeOffset? FirstContactAt, DateTimeOffset? LastContactAt, DateOnly? NextContactDue, bool DecisionNeeded, DateTimeOffset? PlanAgreedAt);

public sealed record TransitionView(DateTimeOffset At, string Action, string From, string To, string ByName, string? ByRole, string? Reason);

public sealed record ContactView(Guid Id, DateTimeOffset At, string Method, int? DurationMinutes, string Outcome, string? Notes, string ByName);

public sealed record EscalationView(Guid Id, Guid ReferralId, string Severity, string Concern, string ClinicianName, string RaisedByName, DateTimeOffset RaisedAt,
    DateTimeOffset AcknowledgeBy, bool Overdue, DateTimeOffset? AcknowledgedAt, string? Response);

public sealed record OnwardView(Guid Id, string Kind, string ReceiverName, string? OrganisationName, string Status, DateTimeOffset SentAt, DateTimeOffset? AnsweredAt,
    string? DeclineReason, string? Outcome);

public sealed record SuggestionView(string UserId, string Name, string Role, double Load, double Capacity, double LoadAfter, bool CoversPractice, string Why);

/// <summary>The tag colour a status is shown in, so a caseload reads at a glance.</summary>
public static class StatusColours
{
    public static string Of(string status) => status switch
    {
        "received" => "blue",
        "triaged" => "purple",
        "allocated" => "aqua-green",
        "accepted" or "in-progress" => "green",
        "on-hold" => "yellow",
        "declined" => "red",
        _ => "grey",
    };

    public static bool IsRiskFlagToWarnOf(string flag) => flag is "safeguarding-concern" or "lone-working-risk" or "severe-mental-illness";
}
