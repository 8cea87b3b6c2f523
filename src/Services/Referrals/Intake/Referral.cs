namespace CareMesh.Referrals.Intake;

public enum Urgency
{
    Routine,
    Urgent,
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
    SelfReferral,
    Other,
}

public enum ReferralStatus
{
    /// <summary>Stored and waiting for triage.</summary>
    Received,
}

/// <summary>A request for the PCN care coordination team to support a patient.</summary>
public sealed class Referral
{
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 4000;

    public Guid Id { get; private init; }
    public required string NhsNumber { get; init; }
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public DateOnly DateOfBirth { get; init; }
    public required string PracticeOds { get; init; }
    public required string Reason { get; init; }
    public Urgency Urgency { get; init; }
    public ReferralSource Source { get; init; }
    public ReferralStatus Status { get; private set; }
    public DateTimeOffset ReceivedAt { get; private init; }

    public static Referral Receive(ReferralDetails details, DateTimeOffset now) => new()
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
    ReferralSource Source);
