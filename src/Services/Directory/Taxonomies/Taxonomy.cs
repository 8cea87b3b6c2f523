namespace CareMesh.Directory.Taxonomies;

/// <summary>A vocabulary services are categorised by (e.g. the Open Referral UK service types, or the PCN's own needs list).</summary>
public sealed class Taxonomy
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public string? Uri { get; set; }
    public string? Version { get; set; }
}

/// <summary>One category in a taxonomy, possibly under a broader one ("Bereavement support" under "Mental health").</summary>
public sealed class TaxonomyTerm
{
    public Guid Id { get; init; }
    public Guid? TaxonomyId { get; set; }
    public Guid? ParentId { get; set; }
    public required string Name { get; set; }
    public required string Description { get; set; }

    /// <summary>The term's code in its taxonomy.</summary>
    public string? Code { get; set; }

    public string? TermUri { get; set; }
}
