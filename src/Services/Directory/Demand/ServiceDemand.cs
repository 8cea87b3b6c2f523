namespace CareMesh.Directory.Demand;

/// <summary>How many onward referrals were sent to a service in a calendar month (UK time). No patient data.</summary>
public sealed class ServiceDemand
{
    public Guid ServiceId { get; init; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; init; }

    public int ReferralsSent { get; set; }
}
