using Microsoft.Extensions.Options;

namespace CareMesh.Directory.Import;

public static class ImportRegistration
{
    /// <summary>The importer and the HTTP client it reads other directories' feeds with.</summary>
    public static void AddFeedImport(this IHostApplicationBuilder builder)
    {
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
}
