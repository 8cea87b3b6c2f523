namespace CareMesh.Directory.Import;

/// <summary><c>Directory:Import</c>: how an import reads another directory's feed.</summary>
public sealed class ImportOptions
{
    public const string Section = "Directory:Import";

    /// <summary>
    /// Whether a feed may be read from a loopback or private address. Off, so that an import cannot be
    /// used to reach the PCN's own network (SSRF); tests and a feed on the same network turn it on.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How many services to ask the remote feed for on each page.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>A feed that claims more pages than this is refused rather than read for ever.</summary>
    public int MaxPages { get; set; } = 1000;

    /// <summary>How long one request to the remote feed may take, retries included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest feed page, single service or uploaded feed file read, in bytes.</summary>
    public int MaxDocumentBytes { get; set; } = 20 * 1024 * 1024;
}
