namespace CareMesh.AppHost.Model;

/// <summary>A project of this repository, located by its .csproj file.</summary>
public sealed record ProjectLocation(string ProjectFile)
{
    public string Directory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary>The SDK names the assembly after the project file unless told otherwise, and ours are not.</summary>
    public string AssemblyName => Path.GetFileNameWithoutExtension(ProjectFile);

    /// <summary>The assembly that <c>dotnet build</c> produces for the given configuration and framework.</summary>
    public string EntryAssembly(string configuration, string targetFramework) =>
        Path.Combine(Directory, "bin", configuration, targetFramework, AssemblyName + ".dll");
}
