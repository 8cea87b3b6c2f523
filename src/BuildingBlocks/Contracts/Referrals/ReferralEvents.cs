namespace CareMesh.Contracts.Referrals;

/// <summary>
/// A referral was allocated (or reallocated) to a named member of the team. The allocated person's
/// caseload view updates from it; it names no patient.
/// </summary>
/// <param name="Role">The CareMesh role the referral was allocated to (care-coordinator, link-worker, ...).</param>
public sealed record ReferralAllocated(
    Guid ReferralId,
    string AllocatedToUserId,
    string AllocatedToName,
    string Role,
    string AllocatedByUserId,
    string? Reason,
    DateTimeOffset AllocatedAt);

/// <summary>
/// The team accepted a referral: the person is now on a caseload. Carries what CarePlans needs to
/// open a draft plan and Meetings needs to propose the person for an MDT, so neither calls back.
/// </summary>
/// <param name="Urgency">routine or urgent.</param>
/// <param name="Complexity">standard or complex.</param>
/// <param name="Needs">Need categories from the configured list (social-isolation, housing, ...).</param>
/// <param name="RiskFlags">safeguarding-concern, lives-alone, frailty, severe-mental-illness, learning-disability, autism, lone-working-risk.</param>
public sealed record ReferralAccepted(
    Guid ReferralId,
    ReferredPatient Patient,
    string Reason,
    string? WhatMattersToThePerson,
    string Urgency,
    string Complexity,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> RiskFlags,
    TeamMember? CareCoordinator,
    TeamMember? NamedClinician,
    string AcceptedByUserId,
    DateTimeOffset AcceptedAt);

/// <summary>A member of the PCN team as other services show them: user id, name and CareMesh role.</summary>
public sealed record TeamMember(string UserId, string Name, string Role);

/// <summary>The team declined a referral; the reason code comes from the configured list.</summary>
public sealed record ReferralDeclined(
    Guid ReferralId,
    string NhsNumber,
    string ReasonCode,
    string? ReasonText,
    string DeclinedByUserId,
    DateTimeOffset DeclinedAt);

/// <summary>
/// A referral's episode ended: completed (with its outcome), cancelled (revoked by the referrer or
/// the team) or entered in error.
/// </summary>
/// <param name="FinalStatus">completed, cancelled or entered-in-error.</param>
public sealed record ReferralClosed(
    Guid ReferralId,
    string NhsNumber,
    string FinalStatus,
    string? Outcome,
    string ClosedByUserId,
    DateTimeOffset ClosedAt);

/// <summary>
/// What the referrer is told when the team accepts, declines or completes their referral: the loop
/// closed, for a later GP-system connector, with SNOMED CT codes from the configured map.
/// </summary>
/// <param name="Decision">accepted, declined or completed.</param>
public sealed record ReferralOutcomeForReferrer(
    Guid ReferralId,
    string NhsNumber,
    string PracticeOds,
    string? ReferrerName,
    string? ReferrerOrganisation,
    string Decision,
    string Summary,
    string? NextSteps,
    string DecidedBy,
    IReadOnlyList<SnomedConcept> Codes,
    DateTimeOffset DecidedAt);

/// <summary>
/// The receiver accepted an onward referral. <paramref name="ServiceId"/> and
/// <paramref name="OrganisationId"/> name the directory service when it went to one; they are null
/// for a referral to another role in the team or to a statutory service.
/// </summary>
/// <param name="CarePlanActionId">The care plan action that asked for this onward referral, when one did.</param>
public sealed record OnwardReferralAccepted(
    Guid OnwardReferralId,
    Guid ReferralId,
    Guid? ServiceId,
    Guid? OrganisationId,
    Guid? CarePlanActionId,
    DateTimeOffset AcceptedAt);

/// <summary>The receiver declined an onward referral, with its reason (service ids as in <see cref="OnwardReferralAccepted"/>).</summary>
public sealed record OnwardReferralDeclined(
    Guid OnwardReferralId,
    Guid ReferralId,
    Guid? ServiceId,
    Guid? OrganisationId,
    Guid? CarePlanActionId,
    string Reason,
    DateTimeOffset DeclinedAt);

/// <summary>The receiver reported the outcome of an onward referral it had accepted (service ids as in <see cref="OnwardReferralAccepted"/>).</summary>
public sealed record OnwardReferralCompleted(
    Guid OnwardReferralId,
    Guid ReferralId,
    Guid? ServiceId,
    Guid? OrganisationId,
    Guid? CarePlanActionId,
    string Outcome,
    DateTimeOffset CompletedAt);

/// <summary>
/// An urgent need or safety concern was escalated to the person's named clinical contact. Meetings
/// proposes the person for the next MDT agenda.
/// </summary>
/// <param name="Severity">urgent or routine-review.</param>
/// <param name="Concern">What the coordinator is worried about, in a line (no free-text narrative beyond it).</param>
public sealed record EscalationRaised(
    Guid EscalationId,
    Guid ReferralId,
    string NhsNumber,
    string PracticeOds,
    string Severity,
    string Concern,
    TeamMember Clinician,
    string RaisedByUserId,
    DateTimeOffset RaisedAt,
    DateTimeOffset AcknowledgeBy);

/// <summary>The clinician acknowledged an escalation addressed to them.</summary>
public sealed record EscalationAcknowledged(
    Guid EscalationId,
    Guid ReferralId,
    string AcknowledgedByUserId,
    DateTimeOffset AcknowledgedAt);

/// <summary>
/// An escalation was not acknowledged in time: raised again to the clinician and flagged to the team
/// lead. Published once per time it falls overdue.
/// </summary>
public sealed record EscalationOverdue(
    Guid EscalationId,
    Guid ReferralId,
    TeamMember Clinician,
    DateTimeOffset RaisedAt,
    DateTimeOffset AcknowledgeBy,
    int TimesRaised,
    DateTimeOffset DetectedAt);
