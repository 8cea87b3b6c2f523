using CareMesh.Referrals.Workflow;

namespace CareMesh.Referrals.Intake;

public sealed record ReferralResponse(
    Guid Id,
    ReferralPatientResponse Patient,
    string Reason,
    Urgency Urgency,
    ReferralSource Source,
    ReferralStatus Status,
    DateTimeOffset ReceivedAt,
    Complexity Complexity,
    Referrer? Referrer,
    string? WhatMatters,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> RiskFlags,
    Consent Consent,
    Carer? Carer,
    Guid? PossibleDuplicateOf,
    Guid? MergedInto,
    string? TriagedRole,
    AllocationResponse? Allocation,
    ClinicianResponse? NamedClinician,
    HoldResponse? Hold,
    DeclineResponse? Decline,
    string? Outcome,
    string? NextSteps,
    DateTimeOffset? ClosedAt,
    ContactSummary Contacts,
    IReadOnlyList<string> AllowedActions,
    int Version)
{
    public static ReferralResponse From(Referral r) => new(
        r.Id,
        new ReferralPatientResponse(r.NhsNumber, r.GivenName, r.FamilyName, r.DateOfBirth, r.PracticeOds, r.Contact),
        r.Reason,
        r.Urgency,
        r.Source,
        r.Status,
        r.ReceivedAt,
        r.Complexity,
        r.Referrer,
        r.WhatMatters,
        r.Needs,
        r.RiskFlags,
        r.Consent,
        r.Carer,
        r.PossibleDuplicateOf,
        r.MergedIntoId,
        r.TriagedRole,
        r.AllocatedToUserId is null ? null : new AllocationResponse(r.AllocatedToUserId, r.AllocatedToName!, r.AllocatedRole!, r.AllocatedAt!.Value),
        r.NamedClinicianUserId is null ? null : new ClinicianResponse(r.NamedClinicianUserId, r.NamedClinicianName!),
        r.Status == ReferralStatus.OnHold ? new HoldResponse(r.HoldReason!, r.HoldUntil) : null,
        r.DeclineReasonCode is null ? null : new DeclineResponse(r.DeclineReasonCode, r.DeclineReasonText),
        r.Outcome,
        r.NextSteps,
        r.ClosedAt,
        new ContactSummary(r.FirstContactAt, r.LastContactAt, r.NextContactDue, r.DecisionNeededAt is not null, r.PlanAgreedAt),
        [.. ReferralWorkflow.Machine.ActionsFrom(r.Status).Select(a => WireEnum.Name(a))],
        r.Version);
}

public sealed record ReferralPatientResponse(string NhsNumber, string GivenName, string FamilyName, DateOnly DateOfBirth, string PracticeOds, PatientContact Contact);

public sealed record AllocationResponse(string UserId, string Name, string Role, DateTimeOffset AllocatedAt);

public sealed record ClinicianResponse(string UserId, string Name);

public sealed record HoldResponse(string Reason, DateOnly? Until);

public sealed record DeclineResponse(string ReasonCode, string? ReasonText);

/// <param name="DecisionNeeded">Failed contact attempts reached the configured rule: the team must decide what next.</param>
/// <param name="PlanAgreedAt">When CarePlans reported the person's plan agreed.</param>
public sealed record ContactSummary(DateTimeOffset? FirstContactAt, DateTimeOffset? LastContactAt, DateOnly? NextContactDue, bool DecisionNeeded, DateTimeOffset? PlanAgreedAt);

public sealed record TransitionResponse(Guid ReferralId, DateTimeOffset At, ReferralAction Action, ReferralStatus From, ReferralStatus To, string ByUserId, string ByName, string? ByRole, string? Reason)
{
    public static TransitionResponse Of(ReferralTransition t) => new(t.ReferralId, t.At, t.Action, t.From, t.To, t.ByUserId, t.ByName, t.ByRole, t.Reason);
}

/// <summary>What the API documents show as examples.</summary>
internal static class ReferralExamples
{
    public static readonly Guid Id = Guid.Parse("0193a1b2-7c00-7000-8000-000000000001");
    public static readonly DateTimeOffset At = new(2026, 3, 2, 9, 15, 0, TimeSpan.Zero);

    public static readonly NewReferral New = new(
        new NewReferralPatient("943 476 5919", "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001", "12 Chapel Street", null, "Leeds", "LS7 3AP",
            "0113 496 0000", null, "phone", "weekday mornings", null, "Large print letters", false),
        "Lives alone, struggling after discharge; missed two appointments",
        "routine",
        "gp",
        new NewReferrer("Dr Asha Patel", "gp", "Chapel Allerton Surgery", "Y00001", "0113 496 0001", "asha.patel@example.nhs.uk"),
        "Getting back to her Thursday choir",
        ["social-isolation", "physical-activity"],
        ["lives-alone", "frailty"],
        new NewConsent(true, ["gp", "vcs-partners"], new DateOnly(2026, 3, 2)),
        new NewCarer("Grace Lovelace", "daughter", "07700 900123", null, true));

    public static readonly ReferralResponse Referral = new(
        Id,
        new ReferralPatientResponse("9434765919", "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001",
            new PatientContact("12 Chapel Street", null, "Leeds", "LS7 3AP", "0113 496 0000", null, ContactMethod.Phone, "weekday mornings", null, "Large print letters", false)),
        "Lives alone, struggling after discharge; missed two appointments",
        Urgency.Routine,
        ReferralSource.Gp,
        ReferralStatus.Received,
        At,
        Complexity.Standard,
        new Referrer("Dr Asha Patel", "gp", "Chapel Allerton Surgery", "Y00001", "0113 496 0001", "asha.patel@example.nhs.uk"),
        "Getting back to her Thursday choir",
        ["social-isolation", "physical-activity"],
        ["lives-alone", "frailty"],
        new Consent(true, [SharingParty.Gp, SharingParty.VcsPartners], new DateOnly(2026, 3, 2)),
        new Carer("Grace Lovelace", "daughter", "07700 900123", null, true),
        null, null, null, null, null, null, null, null, null, null,
        new ContactSummary(null, null, null, false, null),
        ["triage", "decline", "cancel", "enter-in-error", "merge"],
        1);

    public static readonly TransitionResponse Transition = new(Id, At.AddHours(2), ReferralAction.Triage, ReferralStatus.Received, ReferralStatus.Triaged,
        "user-care-coordinator", "Sam Jones", "care-coordinator", "Needs a link worker; no clinical concern");
}
