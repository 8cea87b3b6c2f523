namespace CareMesh.CarePlans;

/// <summary><c>CarePlans</c>: how the PCN plans care.</summary>
public sealed class CarePlansOptions
{
    public const string Section = "CarePlans";

    /// <summary>
    /// The PCN's own ODS code: its staff see every practice's plans. Staff of a practice see their
    /// practice's plans; a plan's care coordinator always sees it. Unset, a practice's plans are seen
    /// by that practice (and the coordinator) alone.
    /// </summary>
    public string? PcnOdsCode { get; set; }

    /// <summary>An agreed plan is reviewed this many weeks after agreement unless the agreement names another date.</summary>
    public int ReviewIntervalWeeks { get; set; } = 12;
}
