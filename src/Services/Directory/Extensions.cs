using CareMesh.Directory.Data;
using CareMesh.Directory.Import;
using CareMesh.Directory.Management;
using CareMesh.Messaging;
using Microsoft.Extensions.Options;

namespace CareMesh.Directory;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DirectoryDbContext>("directorydb");
        builder.AddMessaging<DirectoryDbContext>();
        builder.Services.Configure<DirectoryOptions>(builder.Configuration.GetSection("Directory"));
        builder.Services.Configure<ImportOptions>(builder.Configuration.GetSection(ImportOptions.Section));
        builder.Services.AddScoped<DirectoryImporter>();
        builder.Services.AddHttpClient<OrukFeedClient>((services, http) =>
            {
                var options = services.GetRequiredService<IOptions<ImportOptions>>().Value;
                http.Timeout = options.RequestTimeout;
                http.MaxResponseContentBufferSize = options.MaxDocumentBytes;
                http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            })
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var allowPrivate = services.GetRequiredService<IOptions<ImportOptions>>().Value.AllowPrivateAddresses;
                return new SocketsHttpHandler
                {
                    // Every connection, redirects included, is checked against the SSRF guard.
                    ConnectCallback = (context, cancellationToken) => FeedAddress.ConnectAsync(context, allowPrivate, cancellationToken),
                    MaxAutomaticRedirections = 5,
                };
            });
    }

    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app) => app
        .MapOrganisationsApi()
        .MapServicesApi()
        .MapLocationsApi()
        .MapTaxonomiesApi()
        .MapImportsApi();
}
