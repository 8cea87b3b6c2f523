namespace CareMesh.Contracts.Referrals;

/// <summary>
/// A coordinator sent a person on to a directory service. The Directory counts these per service
/// per month and so needs nothing about the person; the onward referral itself stays in Referrals.
/// Published only for onward referrals to a directory service.
/// </summary>
/// <param name="CarePlanActionId">The care plan action that asked for this onward referral, when one did.</param>
public sealed record OnwardReferralSent(
    Guid OnwardReferralId,
    Guid ReferralId,
    Guid ServiceId,
    Guid OrganisationId,
    DateTimeOffset SentAt,
    Guid? CarePlanActionId = null);
