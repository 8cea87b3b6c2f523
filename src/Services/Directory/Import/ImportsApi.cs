using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CareMesh.Directory.Import;

/// <summary>Imports another directory's Open Referral UK 3.0 feed, from its address or as an uploaded file: for the PCN's team only.</summary>
public static class ImportsApi
{
    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/directory/imports").WithTags("Directory imports").RequireAuthorization(CareMeshPolicies.DirectoryAdministration);
        imports.MapPost("/", ImportFeed).WithName(nameof(ImportFeed));
        imports.MapPost("/file", ImportFeedFile).WithName(nameof(ImportFeedFile)).Accepts<JsonElement>("application/json");
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

            var report = new ImportReport { Source = "file" };
            await importer.ImportAsync(new[] { new FeedPage(1, [.. services.Value.EnumerateArray()]) }.ToAsyncEnumerable(), user, report, cancellationToken);
            return TypedResults.Ok(report);
        }
    }

    private static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The feed file is too large.",
            detail: $"A feed file may be at most {limit} bytes; import a larger feed from its address instead.");
}

public sealed record ImportRequest(string? Url);
