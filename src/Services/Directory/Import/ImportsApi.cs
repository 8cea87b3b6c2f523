using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CareMesh.Directory.Management;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using DisplayAttribute = System.ComponentModel.DataAnnotations.DisplayAttribute;

namespace CareMesh.Directory.Import;

/// <summary>Imports another directory's Open Referral UK 3.0 feed, from its address or as an uploaded file: for the PCN's team only.</summary>
public static class ImportsApi
{
    /// <summary>As many services as one page of a feed may hold (<see cref="OpenReferral.PageRequest.MaxSize"/>).</summary>
    public const int MaxFileServices = OpenReferral.PageRequest.MaxSize;

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/directory/imports").WithTags("Directory imports").RequireAuthorization(CareMeshPolicies.DirectoryAdministration);
        imports.MapPost("/", ImportFeed).WithName(nameof(ImportFeed));
        imports.MapPost("/file", ImportFeedFile).WithName(nameof(ImportFeedFile)).Accepts<JsonElement>("application/json")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Read by hand, so the framework knows only "some JSON": say which JSON, and how much of it.
                if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
                {
                    body.Schema = FeedFileSchema();
                }

                return Task.CompletedTask;
            });
        return app;
    }

    /// <summary>Reads the feed at the given address page by page and imports every service on it.</summary>
    public static async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> ImportFeed(
        ImportRequest request, OrukFeedClient feed, DirectoryImporter importer, IOptions<ImportOptions> options, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var address = FeedAddress.Parse(request.Url, out var problem);
        problem ??= address is null ? null : await FeedAddress.RefusalAsync(address, options.Value.AllowPrivateAddresses, cancellationToken);
        if (problem is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [problem] }, title: "The feed's address is not valid.");
        }

        var report = new ImportReport { Source = address!.ToString() };
        try
        {
            await importer.ImportAsync(feed.ReadServicesAsync(address, cancellationToken), user, report, cancellationToken);
        }
        catch (FeedUnreadableException e)
        {
            // What was read before the failure is saved; the report says how far the import got.
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The feed could not be read.", detail: e.Message,
                extensions: new Dictionary<string, object?> { ["report"] = report });
        }

        return TypedResults.Ok(report);
    }

    /// <summary>
    /// Imports an uploaded feed: one page of the service list (<c>{"contents": [...]}</c>) or an array of
    /// fully nested services. Read here rather than bound, so its size is limited by the import's own setting.
    /// </summary>
    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportFeedFile(
        HttpRequest request, DirectoryImporter importer, IOptions<ImportOptions> options, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxDocumentBytes;
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The feed file must be sent as application/json.");
        }

        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The feed file is not JSON.", detail: e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }

        using (document)
        {
            var root = document.RootElement;
            var services = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("contents", out var contents) && contents.ValueKind == JsonValueKind.Array ? contents
                : (JsonElement?)null;
            if (services is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The feed file is not a list of services.",
                    detail: "Send one page of an Open Referral UK service list ({\"contents\": [...]}) or an array of fully nested services.");
            }

            if (services.Value.GetArrayLength() > MaxFileServices)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The feed file holds too many services.",
                    detail: $"A feed file may hold at most {MaxFileServices} services, as one page of a feed may; split it, or import the feed from its address.");
            }

            var report = new ImportReport { Source = "file" };
            await importer.ImportAsync(new[] { new FeedPage(1, [.. services.Value.EnumerateArray()]) }.ToAsyncEnumerable(), user, report, cancellationToken);
            return TypedResults.Ok(report);
        }
    }

    /// <summary>
    /// The body of a feed file, as the document shows it: a page or a list of services, each then held to
    /// a listing's rules. The services are described by the Open Referral UK document, not repeated here.
    /// </summary>
    private static OpenApiSchema FeedFileSchema()
    {
        OpenApiSchema Services() => new()
        {
            Type = JsonSchemaType.Array,
            MaxItems = MaxFileServices,
            Items = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "A fully nested Open Referral UK 3.0 service, as /oruk/services/{id} answers." },
        };

        return new OpenApiSchema
        {
            Description = "One page of an Open Referral UK 3.0 service list, or an array of fully nested services; at most Directory:Import:MaxDocumentBytes bytes. " +
                          "Each service is held to the same rules as a listing typed in, and one that fails them is reported, not saved.",
            OneOf =
            [
                new OpenApiSchema { Type = JsonSchemaType.Object, Required = new HashSet<string> { "contents" }, Properties = new Dictionary<string, IOpenApiSchema> { ["contents"] = Services() } },
                Services(),
            ],
        };
    }

    private static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The feed file is too large.",
            detail: $"A feed file may be at most {limit} bytes; import a larger feed from its address instead.");
}

public sealed record ImportRequest(
    [property: Required, WebAddress, Description("The feed's base address, such as https://other.example/oruk.")] [Display(Name = "feed's address")] string? Url);
