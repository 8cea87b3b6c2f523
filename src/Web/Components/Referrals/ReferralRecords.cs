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
    string? AllocatedTo,
    string? AllocatedToName,
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

public sealed record PatientContactView(string? AddressLine1, string? AddressLine2, string? Town, string? Postcode, string? Phone, string? Email, string? PreferredContactMethod,
    string? PreferredContactTimes = null, string? InterpreterLanguage = null, string? AccessibilityNeeds = null);

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
    DateTimeOffset AcknowledgeBy, bool Overdue, int TimesRaised, bool FlaggedToTeamLead, DateTimeOffset? AcknowledgedAt, string? Response, int Version);

public sealed record OnwardView(Guid Id, string Kind, string ReceiverName, string? OrganisationName, string Status, DateTimeOffset SentAt, DateTimeOffset? AnsweredAt,
    string? DeclineReason, string? Outcome);

/// <summary>An onward referral as its receiver reads it (<c>GET /api/onward-referrals/{id}</c>): a partner never gets the NHS number.</summary>
public sealed record OnwardReceivedView(Guid Id, string ReceiverName, string? OrganisationName, string SharedSummary, OnwardPersonView Person, string Status,
    string SentByName, DateTimeOffset SentAt, DateTimeOffset AnswerBy, DateTimeOffset? AnsweredAt, string? DeclineReason, string? Outcome,
    IReadOnlyList<string> AllowedAnswers, int Version);

public sealed record OnwardPersonView(string GivenName, string FamilyName, DateOnly DateOfBirth, PatientContactView? Contact);

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

    /// <summary>An onward referral's status, as its receiver reads it.</summary>
    public static string OfOnward(string status) => status switch
    {
        "sent" => "blue",
        "accepted" => "green",
        "declined" => "red",
        _ => "grey",
    };

    /// <summary>An escalation's severity: urgent stands out.</summary>
    public static string OfSeverity(string severity) => severity == "urgent" ? "red" : "yellow";

    /// <summary>Whether the referral is still open: steps, contacts and escalations are for open referrals only.</summary>
    public static bool IsOpen(string status) => status is not ("declined" or "completed" or "cancelled" or "entered-in-error");

    public static bool IsRiskFlagToWarnOf(string flag) => flag is "safeguarding-concern" or "lone-working-risk" or "severe-mental-illness";
}

/// <summary>One member's caseload against capacity (<c>GET /api/caseload/team</c>): no patient in it.</summary>
public sealed record MemberBalanceView(string UserId, string Name, string Role, int OpenReferrals, double WeightedLoad, double Capacity, double Used,
    IReadOnlyDictionary<string, int> CountsByStatus, IReadOnlyList<string> AlignedPractices);

public sealed record TeamBalanceView(IReadOnlyList<MemberBalanceView> Members, int Unallocated);

public sealed record TeamMemberView(string UserId, string Name, string Role);

/// <summary>One access to a person's records in one service's trail (<c>POST /api/{service}/audit/lookup</c>).</summary>
public sealed record AuditEntryView(DateTimeOffset OccurredAt, string UserId, string? Role, string? Organisation, string Action, string RecordType, string? RecordId, string Outcome);
