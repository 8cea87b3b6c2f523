using CareMesh.Directory.Data;
using CareMesh.Directory.Management;
using CareMesh.Directory.Search;
using CareMesh.Messaging;

namespace CareMesh.Directory;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DirectoryDbContext>("directorydb");
        builder.AddMessaging<DirectoryDbContext>();
        builder.Services.Configure<DirectoryOptions>(builder.Configuration.GetSection("Directory"));
    }

    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app) => app
        .MapOrganisationsApi()
        .MapServicesApi()
        .MapLocationsApi()
        .MapTaxonomiesApi()
        .MapSearchApi();
}
