namespace CareMesh.AppHost.Orchestration;

/// <summary>How to start one process: what to run, where, and the variables set on top of the app host's own.</summary>
public sealed record LaunchSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>
    /// Variable prefixes the app host decides for its services: inherited ones are dropped, so a
    /// service sees only the connection strings and endpoints meant for it.
    /// </summary>
    private static readonly string[] OwnedPrefixes = ["ConnectionStrings__", "services__", "OTEL_"];

    /// <summary>
    /// Run in a session of its own, out of reach of the terminal's Ctrl-C, which would otherwise stop
    /// every service at once; the app host then stops them itself, in order. Not for a script that may
    /// need the terminal (sudo asking for a password).
    /// </summary>
    public bool OwnSession { get; init; }

    /// <summary>The app host's environment without the variables it owns, plus <see cref="Environment"/>.</summary>
    public IReadOnlyDictionary<string, string> EffectiveEnvironment(IEnumerable<KeyValuePair<string, string?>> inherited)
    {
        var effective = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in inherited)
        {
            if (value is not null && !OwnedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                effective[name] = value;
            }
        }

        foreach (var (name, value) in Environment)
        {
            effective[name] = value;
        }

        return effective;
    }
}
