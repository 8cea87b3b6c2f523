using System.Reflection;
using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Configuration;

/// <summary>
/// Where the projects the app host runs are, and how they were built: written into the app host
/// assembly at build time (target EmbedResourceProjects in the .csproj) and read back here.
/// </summary>
public sealed record ProjectCatalog(
    IReadOnlyDictionary<string, ProjectLocation> Projects,
    string Configuration,
    string TargetFramework,
    string RepositoryRoot)
{
    private const string ResourcePrefix = "CareMesh.Resource.";

    public static ProjectCatalog Embedded { get; } = FromAssembly(typeof(ProjectCatalog).Assembly);

    public ProjectLocation this[string resourceName] =>
        Projects.TryGetValue(resourceName, out var project)
            ? project
            : throw new InvalidOperationException(
                $"The app host was built without a project for '{resourceName}': add a ProjectReference with ResourceName=\"{resourceName}\".");

    public string EntryAssemblyOf(ProjectLocation project) => project.EntryAssembly(Configuration, TargetFramework);

    public static ProjectCatalog FromAssembly(Assembly assembly)
    {
        var metadata = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(attribute => attribute.Key.StartsWith("CareMesh.", StringComparison.Ordinal))
            .ToDictionary(attribute => attribute.Key, attribute => attribute.Value ?? "", StringComparer.Ordinal);

        string Required(string key) => metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"The app host assembly lacks the build metadata '{key}'.");

        var projects = metadata
            .Where(entry => entry.Key.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key[ResourcePrefix.Length..], entry => new ProjectLocation(entry.Value), StringComparer.Ordinal);

        return new ProjectCatalog(
            projects,
            Required("CareMesh.Configuration"),
            Required("CareMesh.TargetFramework"),
            Required("CareMesh.RepositoryRoot"));
    }
}
