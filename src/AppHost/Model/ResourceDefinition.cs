namespace CareMesh.AppHost.Model;

/// <summary>
/// What the app host knows about a resource before starting anything: what it is, what it must wait
/// for, which other resources it finds by name, and which infrastructure it uses.
/// </summary>
public sealed record ResourceDefinition(string Name, ResourceKind Kind)
{
    /// <summary>For <see cref="ResourceKind.Project"/>: the project that is run.</summary>
    public ProjectLocation? Project { get; init; }

    /// <summary>For resources that serve HTTP: where they listen.</summary>
    public HttpBinding? Http { get; init; }

    /// <summary>The PostgreSQL database the resource owns, if any.</summary>
    public string? Database { get; init; }

    /// <summary>Whether the resource talks to the message broker.</summary>
    public bool UsesMessaging { get; init; }

    /// <summary>Resources that must be healthy before this one is started.</summary>
    public IReadOnlyList<string> WaitsFor { get; init; } = [];

    /// <summary>Resources this one calls by name (service discovery); no start order implied.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Variables of the resource's own, such as runtime switches read before its code runs.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
