using CareMesh.AppHost.Configuration;

namespace CareMesh.AppHost.Tests;

public class ProjectCatalogTests
{
    private static readonly ProjectCatalog Catalog = ProjectCatalog.Embedded;

    [Fact]
    public void The_build_embedded_every_project_the_app_host_runs()
    {
        Assert.Equal(["careplans", "directory", "gateway", "meetings", "referrals"], Catalog.Projects.Keys.Order());
        Assert.All(Catalog.Projects.Values, project => Assert.True(File.Exists(project.ProjectFile), project.ProjectFile));
        Assert.True(File.Exists(Path.Combine(Catalog.RepositoryRoot, "caremesh")));
    }

    [Fact]
    public void Each_project_runs_from_its_build_output_for_this_configuration()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var referrals = Catalog["referrals"];

        Assert.Equal(configuration, Catalog.Configuration);
        Assert.Equal(
            Path.Combine(Catalog.RepositoryRoot, "src", "Services", "Referrals", "bin", configuration, "net10.0", "CareMesh.Referrals.dll"),
            Catalog.EntryAssemblyOf(referrals));
    }

    [Fact]
    public void Asking_for_a_project_that_was_not_embedded_says_how_to_add_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Catalog["billing"]);

        Assert.Contains("ResourceName=\"billing\"", error.Message);
    }
}
