namespace CareMesh.Referrals.Onward;

public enum OnwardReferralKind
{
    /// <summary>A service in the Directory, whose organisation answers in CareMesh.</summary>
    DirectoryService,

    /// <summary>Another role in the PCN team (a health coach, a mental-health practitioner).</summary>
    TeamRole,

    /// <summary>A statutory service outside the directory (adult social care, healthy lifestyles, ...).</summary>
    Statutory,
}

public enum OnwardReferralStatus
{
    Sent,
    Accepted,
    Declined,
    Completed,
}

public enum OnwardReferralStep
{
    Accept,
    Decline,
    Complete,
}

/// <summary>
/// The person sent on from their referral. A directory service's name, organisation and contact
/// are kept as they were when it was sent. It is sent only to a receiver the person agreed to share
/// with, and the receiver reads the person's name and contact details and <see cref="SharedSummary"/>,
/// written by the coordinator for them: nothing else of the referral.
/// </summary>
public sealed class OnwardReferral
{
    public const int MaxTextLength = 2000;

    public Guid Id { get; init; }
    public Guid ReferralId { get; init; }
    public OnwardReferralKind Kind { get; init; }
    public Guid? ServiceId { get; init; }
    public Guid? OrganisationId { get; init; }
    public required string ReceiverName { get; init; }
    public string? OrganisationName { get; init; }
    public string? ReceiverContact { get; init; }

    /// <summary>What the receiver is told about the person: what they consented to share, and nothing else.</summary>
    public required string SharedSummary { get; init; }

    public Guid? CarePlanActionId { get; init; }
    public OnwardReferralStatus Status { get; set; }
    public required string SentByUserId { get; init; }
    public required string SentByName { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public DateTimeOffset AnswerBy { get; init; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredByName { get; set; }
    public string? DeclineReason { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Not answered in time: flagged once for the coordinator to chase.</summary>
    public DateTimeOffset? ChaseFlaggedAt { get; set; }

    /// <summary>Its directory service was withdrawn while it was pending: it needs another home.</summary>
    public DateTimeOffset? ServiceWithdrawnAt { get; set; }

    public int Version { get; set; } = 1;

    public bool IsPending => Status is OnwardReferralStatus.Sent or OnwardReferralStatus.Accepted;

    public static readonly StateMachine<OnwardReferralStatus, OnwardReferralStep> Workflow = new(
    [
        (OnwardReferralStatus.Sent, OnwardReferralStep.Accept, OnwardReferralStatus.Accepted),
        (OnwardReferralStatus.Sent, OnwardReferralStep.Decline, OnwardReferralStatus.Declined),
        (OnwardReferralStatus.Accepted, OnwardReferralStep.Complete, OnwardReferralStatus.Completed),
    ]);
}
