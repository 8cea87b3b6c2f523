namespace CareMesh.Contracts.Referrals;

/// <summary>A referral has been received and stored, before triage.</summary>
public sealed record ReferralReceived(
    Guid ReferralId,
    ReferredPatient Patient,
    string Reason,
    string Urgency,
    string Source,
    DateTimeOffset ReceivedAt);

/// <summary>The demographics a referral carries; the NHS number is the key across services.</summary>
public sealed record ReferredPatient(
    string NhsNumber,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string PracticeOds);
