namespace CareMesh.Directory.Import;

/// <summary>What an import did: how much it read, what it created, changed or left alone, and what it refused and why.</summary>
public sealed class ImportReport
{
    public required string Source { get; init; }
    public int PagesRead { get; set; }
    public int ServicesRead { get; set; }
    public int ServicesCreated { get; set; }
    public int ServicesUpdated { get; set; }
    public int ServicesUnchanged { get; set; }
    public int ServicesRejected => Rejected.Count;
    public int OrganisationsCreated { get; set; }
    public int OrganisationsUpdated { get; set; }
    public int LocationsCreated { get; set; }
    public int LocationsUpdated { get; set; }
    public int TaxonomyTermsCreated { get; set; }
    public List<ImportRejection> Rejected { get; } = [];

    /// <summary>Adds what importing one service did, once it is saved.</summary>
    public void Add(ImportReport saved)
    {
        ServicesCreated += saved.ServicesCreated;
        ServicesUpdated += saved.ServicesUpdated;
        ServicesUnchanged += saved.ServicesUnchanged;
        OrganisationsCreated += saved.OrganisationsCreated;
        OrganisationsUpdated += saved.OrganisationsUpdated;
        LocationsCreated += saved.LocationsCreated;
        LocationsUpdated += saved.LocationsUpdated;
        TaxonomyTermsCreated += saved.TaxonomyTermsCreated;
    }
}

/// <summary>A service the import refused: nothing of it was saved. Its id and name as the feed gave them, if it gave them.</summary>
public sealed record ImportRejection(string? ServiceId, string? Name, IReadOnlyList<string> Reasons);
