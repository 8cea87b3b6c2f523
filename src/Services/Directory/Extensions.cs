using CareMesh.Directory.Data;
using CareMesh.Directory.Demand;
using CareMesh.Directory.Import;
using CareMesh.Directory.Management;
using CareMesh.Directory.OpenReferral;
using CareMesh.Directory.Search;
using CareMesh.Messaging;
using MassTransit;

namespace CareMesh.Directory;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Request records' attribute rules run before each handler. Called here, not in the service
        // defaults: the source generator registers this project's own validation where it sees the call.
        builder.Services.AddValidation();
        builder.AddServiceDatabase<DirectoryDbContext>("directorydb");
        builder.AddMessaging<DirectoryDbContext>(bus =>
            bus.AddConsumer<OnwardReferralSentConsumer, OnwardReferralSentConsumerDefinition>());
        builder.Services.Configure<DirectoryOptions>(builder.Configuration.GetSection("Directory"));
        builder.AddFeedImport();
        builder.AddOpenReferralDocument();
    }

    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app) => app
        .MapOrganisationsApi()
        .MapServicesApi()
        .MapLocationsApi()
        .MapTaxonomiesApi()
        .MapSearchApi()
        .MapDemandApi()
        .MapImportsApi();
}
