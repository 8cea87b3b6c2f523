namespace CareMesh.CarePlans.Patients;

/// <summary>
/// A patient known to the care planning team, with only the demographics care planning needs.
/// Referrals keeps the master copy; this one follows its events.
/// </summary>
public sealed class Patient
{
    public required string NhsNumber { get; init; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public required string PracticeOds { get; set; }
    public List<PatientReferral> Referrals { get; init; } = [];
}

/// <summary>A referral the team has received for the patient, awaiting a care plan.</summary>
public sealed class PatientReferral
{
    public Guid ReferralId { get; init; }
    public required string NhsNumber { get; init; }
    public required string Reason { get; init; }
    public required string Urgency { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
