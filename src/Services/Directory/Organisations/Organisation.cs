namespace CareMesh.Directory.Organisations;

/// <summary>An organisation that provides services listed in the directory (Open Referral UK "organization").</summary>
public sealed class Organisation
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
}
