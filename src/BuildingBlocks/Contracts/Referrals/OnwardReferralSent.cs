namespace CareMesh.Contracts.Referrals;

/// <summary>
/// A coordinator sent a person on to a directory service. The Directory counts these per service
/// per month and so needs nothing about the person; the onward referral itself stays in Referrals.
/// </summary>
public sealed record OnwardReferralSent(
    Guid OnwardReferralId,
    Guid ReferralId,
    Guid ServiceId,
    Guid OrganisationId,
    DateTimeOffset SentAt);
