using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Examples in the OpenAPI document, written as the objects the endpoint takes and gives and
/// serialised with the service's own JSON options, so an example always has the shape and wire
/// names (kebab-case enums, camelCase fields) the endpoint really uses.
/// </summary>
public static class OpenApiExamples
{
    /// <summary>
    /// Shows <paramref name="request"/> as the example body and <paramref name="response"/> as the
    /// example answer for <paramref name="status"/> (its JSON media type).
    /// </summary>
    public static TBuilder WithExamples<TBuilder>(this TBuilder builder, object? request = null, object? response = null,
        int status = StatusCodes.Status200OK) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointExamples(request, response, status));
}

/// <summary>An endpoint's example request body and answer.</summary>
public sealed record EndpointExamples(object? Request, object? Response, int Status);

internal sealed class ExamplesOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<EndpointExamples>().LastOrDefault() is not { } examples)
        {
            return Task.CompletedTask;
        }

        var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        if (examples.Request is { } request && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var (type, media) in requestContent.Where(c => c.Key.Contains("json", StringComparison.Ordinal)))
            {
                media.Example = JsonSerializer.SerializeToNode(request, request.GetType(), json);
            }
        }

        if (examples.Response is { } response &&
            operation.Responses?.TryGetValue(examples.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var answer) == true &&
            answer.Content is { } responseContent)
        {
            foreach (var (type, media) in responseContent.Where(c => c.Key.Contains("json", StringComparison.Ordinal)))
            {
                media.Example = JsonSerializer.SerializeToNode(response, response.GetType(), json);
            }
        }

        return Task.CompletedTask;
    }
}
