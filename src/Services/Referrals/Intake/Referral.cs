using CareMesh.Referrals.Workflow;

namespace CareMesh.Referrals.Intake;

public enum Urgency
{
    Routine,
    Urgent,
}

public enum Complexity
{
    Standard,
    Complex,
}

/// <summary>Who sent the referral to the PCN team.</summary>
public enum ReferralSource
{
    Gp,
    PracticeNurse,
    OtherPracticeStaff,
    CommunityHealth,
    Hospital,
    SocialCare,
    VoluntarySector,

    /// <summary>The person asked themself; a member of staff recorded it.</summary>
    SelfReferral,
    Other,
}

public enum RiskFlag
{
    SafeguardingConcern,
    LivesAlone,
    Frailty,
    SevereMentalIllness,
    LearningDisability,
    Autism,
    LoneWorkingRisk,
}

public enum ContactMethod
{
    Phone,
    Text,
    Email,
    Letter,
    InPerson,
    Video,
}

/// <summary>Who the person agreed their referral may be shared with.</summary>
public enum SharingParty
{
    Gp,
    VcsPartners,
    SocialCare,
    OtherNhsServices,
    Carer,
}

/// <summary>How to reach the person and what they need to take part.</summary>
public sealed record PatientContact(
    string? AddressLine1,
    string? AddressLine2,
    string? Town,
    string? Postcode,
    string? Phone,
    string? Email,
    ContactMethod? PreferredContactMethod,
    string? PreferredContactTimes,
    string? InterpreterLanguage,
    string? AccessibilityNeeds,
    bool IsUnpaidCarer);

/// <summary>The professional (or, for a self-referral, the member of staff) who referred.</summary>
public sealed record Referrer(string Name, string? Role, string? Organisation, string? OdsCode, string? Phone, string? Email);

public sealed record Consent(bool ToShare, IReadOnlyList<SharingParty> With, DateOnly? RecordedOn);

/// <summary>The unpaid carer who looks after the person.</summary>
public sealed record Carer(string Name, string? Relationship, string? Phone, string? Email, bool MayBeContacted);

/// <summary>A request for the PCN care coordination team to support a person, and its episode from receipt to close.</summary>
public sealed class Referral
{
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 4000;
    public const int MaxTextLength = 2000;

    public Guid Id { get; private init; }
    public required string NhsNumber { get; init; }
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public DateOnly DateOfBirth { get; init; }
    public required string PracticeOds { get; init; }
    public required string Reason { get; init; }
    public Urgency Urgency { get; set; }
    public Complexity Complexity { get; set; }
    public ReferralSource Source { get; init; }
    public ReferralStatus Status { get; set; }
    public DateTimeOffset ReceivedAt { get; private init; }
    public required string RecordedByUserId { get; init; }

    public required PatientContact Contact { get; init; }
    public Referrer? Referrer { get; init; }
    public string? WhatMatters { get; init; }
    public List<string> Needs { get; set; } = [];
    public List<string> RiskFlags { get; set; } = [];
    public required Consent Consent { get; init; }
    public Carer? Carer { get; init; }

    /// <summary>Another open referral for the same NHS number when this one arrived: shown against it, never silently doubled.</summary>
    public Guid? PossibleDuplicateOf { get; set; }

    /// <summary>Set when a team lead merged this referral into another; its history stays here and is shown with that one.</summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>The role triage chose for the person (care-coordinator, link-worker, ...).</summary>
    public string? TriagedRole { get; set; }

    public string? AllocatedRole { get; set; }
    public string? AllocatedToUserId { get; set; }
    public string? AllocatedToName { get; set; }
    public DateTimeOffset? AllocatedAt { get; set; }

    /// <summary>The clinician escalations go to, and who sees this referral among clinicians.</summary>
    public string? NamedClinicianUserId { get; set; }

    public string? NamedClinicianName { get; set; }
    public string? HoldReason { get; set; }
    public DateOnly? HoldUntil { get; set; }
    public string? DeclineReasonCode { get; set; }
    public string? DeclineReasonText { get; set; }
    public string? Outcome { get; set; }
    public string? NextSteps { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Kept so the time from referral to first contact and to an agreed plan can be reported.</summary>
    public DateTimeOffset? FirstContactAt { get; set; }

    public DateTimeOffset? LastContactAt { get; set; }
    public DateOnly? NextContactDue { get; set; }
    public DateTimeOffset? PlanAgreedAt { get; set; }

    /// <summary>Set when failed contact attempts reached the configured rule: the team must decide what next.</summary>
    public DateTimeOffset? DecisionNeededAt { get; set; }

    public int Version { get; set; } = 1;

    public bool IsOpen => ReferralWorkflow.IsOpen(Status);

    public static Referral Receive(ReferralDetails details, string recordedByUserId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        NhsNumber = details.NhsNumber,
        GivenName = details.GivenName,
        FamilyName = details.FamilyName,
        DateOfBirth = details.DateOfBirth,
        PracticeOds = details.PracticeOds,
        Reason = details.Reason,
        Urgency = details.Urgency,
        Source = details.Source,
        Status = ReferralStatus.Received,
        ReceivedAt = now,
        RecordedByUserId = recordedByUserId,
        Contact = details.Contact,
        Referrer = details.Referrer,
        WhatMatters = details.WhatMatters,
        Needs = [.. details.Needs],
        RiskFlags = [.. details.RiskFlags],
        Consent = details.Consent,
        Carer = details.Carer,
    };
}

/// <summary>A referral's content once it has passed validation.</summary>
public sealed record ReferralDetails(
    string NhsNumber,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string PracticeOds,
    string Reason,
    Urgency Urgency,
    ReferralSource Source,
    PatientContact Contact,
    Referrer? Referrer,
    string? WhatMatters,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> RiskFlags,
    Consent Consent,
    Carer? Carer);
