namespace CareMesh.Referrals.Allocation;

/// <summary>
/// A member of the team as allocation sees them: their role, how much they can carry (in weighted
/// referrals: urgent and complex ones count more) and the practices they are aligned to (none means
/// they cover every practice of the PCN). Kept by team leads.
/// </summary>
public sealed class TeamMember
{
    public required string UserId { get; init; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public double Capacity { get; set; }
    public List<string> AlignedPractices { get; set; } = [];
    public bool Active { get; set; } = true;
    public int Version { get; set; } = 1;

    public bool Covers(string practiceOds) => AlignedPractices.Count == 0 || AlignedPractices.Contains(practiceOds, StringComparer.OrdinalIgnoreCase);
}
