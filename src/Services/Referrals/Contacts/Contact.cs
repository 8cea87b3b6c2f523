using CareMesh.Referrals.Intake;

namespace CareMesh.Referrals.Contacts;

public enum ContactOutcome
{
    /// <summary>The person was reached and the conversation happened.</summary>
    Reached,
    NoAnswer,
    LeftMessage,
    WrongNumber,
    PersonDeclined,
}

/// <summary>A contact (or an attempt at one) with the person about their referral.</summary>
public sealed class Contact
{
    public const int MaxNotesLength = 4000;

    public Guid Id { get; init; }
    public Guid ReferralId { get; init; }
    public DateTimeOffset At { get; init; }
    public ContactMethod Method { get; init; }
    public int? DurationMinutes { get; init; }
    public ContactOutcome Outcome { get; init; }
    public string? Notes { get; init; }
    public required string ByUserId { get; init; }
    public required string ByName { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public bool Failed => Outcome is ContactOutcome.NoAnswer or ContactOutcome.LeftMessage or ContactOutcome.WrongNumber;
}
