using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

public static class OpenApiRefusals
{
    /// <summary>
    /// Refusals an endpoint's own logic can answer that its shape does not show: 409 (a state or a
    /// duplicate it does not allow), 412 (a save over a version someone else replaced, with If-Match).
    /// </summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedRefusals(statuses));
}

public sealed record DocumentedRefusals(int[] Statuses);

/// <summary>
/// Puts in every operation what CareMesh answers besides its success, from what the endpoint is rather
/// than from what someone remembered to write: 401 and 403 (and the bearer requirement) unless it is
/// open, 404 when its path names a record, 400 when it reads a body or parameters, 413 for a body,
/// and the refusals declared with <see cref="OpenApiRefusals.Refuses"/>; each a problem details body.
/// It also gives a typed JSON answer (<c>JsonHttpResult&lt;T&gt;</c>) its schema, and query parameters
/// the names callers use (camelCase; the open feed's explicit snake_case names are kept).
/// </summary>
internal sealed class RefusalsOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [StatusCodes.Status400BadRequest] = "The request is not valid: problem details naming every field at fault.",
        [StatusCodes.Status401Unauthorized] = "No valid token: sign in at the PCN's identity provider.",
        [StatusCodes.Status403Forbidden] = "The token's role or organisation may not do this.",
        [StatusCodes.Status404NotFound] = "No such record (also answered for another organisation's record).",
        [StatusCodes.Status409Conflict] = "The record's state does not allow this now.",
        [StatusCodes.Status412PreconditionFailed] = "If-Match named a version that someone else has since replaced: read it again.",
        [StatusCodes.Status413PayloadTooLarge] = "The body is larger than the service accepts.",
        [StatusCodes.Status414UriTooLong] = "The path and query string are longer than the service accepts (RequestLimits).",
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is [var first, ..] name && char.IsUpper(first))
            {
                parameter.Name = char.ToLowerInvariant(first) + name[1..];
            }
        }

        if (TypedJsonAnswer(metadata) is { } answerType && !(operation.Responses.TryGetValue("200", out var ok) && ok.Content?.Count > 0))
        {
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "OK",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(answerType, null, cancellationToken) },
                },
            };
        }

        // A file answer declared by its media type alone (.Produces(200, contentType: "text/calendar")): the
        // framework leaves its content out; it is a document of that type.
        foreach (var produced in metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
                     .Where(m => (m.Type is null || m.Type == typeof(void)) && m.ContentTypes.Any()))
        {
            var key = produced.StatusCode.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses.TryGetValue(key, out var declared) && declared is OpenApiResponse response && !(response.Content?.Count > 0))
            {
                response.Content = produced.ContentTypes.ToDictionary(type => type,
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } });
            }
        }

        var refusals = new SortedSet<int>();
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            refusals.UnionWith([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecurityScheme.Name, context.Document)] = [] }];
        }

        var sources = description.ParameterDescriptions.Select(p => p.Source).ToList();
        if (sources.Contains(BindingSource.Path))
        {
            refusals.Add(StatusCodes.Status404NotFound);
        }

        var body = sources.Contains(BindingSource.Body) || sources.Contains(BindingSource.Form);
        if (body || sources.Contains(BindingSource.Query) || sources.Contains(BindingSource.Path))
        {
            refusals.Add(StatusCodes.Status400BadRequest);
        }

        if (body)
        {
            refusals.Add(StatusCodes.Status413PayloadTooLarge);
        }

        if (sources.Contains(BindingSource.Query))
        {
            refusals.Add(StatusCodes.Status414UriTooLong);
        }

        refusals.UnionWith(metadata.OfType<DocumentedRefusals>().SelectMany(r => r.Statuses));
        if (refusals.Contains(StatusCodes.Status412PreconditionFailed))
        {
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(p => string.Equals(p.Name, "If-Match", StringComparison.OrdinalIgnoreCase)))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Description = "The ETag of the version read; the change is refused with 412 if someone else has saved since.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
        }

        foreach (var status in refusals)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses.TryGetValue(key, out var existing) && existing.Content?.Count > 0)
            {
                continue;
            }

            var problemType = status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            operation.Responses[key] = new OpenApiResponse
            {
                Description = existing?.Description is { Length: > 0 } said && said != ReasonPhrase(status) ? said : Descriptions.GetValueOrDefault(status, ReasonPhrase(status)),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(problemType, null, cancellationToken) },
                },
            };
        }
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    /// <summary>The T of a handler answering <c>JsonHttpResult&lt;T&gt;</c> (alone or in a <c>Results&lt;...&gt;</c>), which carries no response metadata of its own.</summary>
    private static Type? TypedJsonAnswer(IList<object> metadata)
    {
        if (metadata.OfType<MethodInfo>().FirstOrDefault()?.ReturnType is not { } type)
        {
            return null;
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        var candidates = type.IsGenericType && type.Namespace == typeof(Results<,>).Namespace && type.Name.StartsWith("Results`", StringComparison.Ordinal)
            ? type.GetGenericArguments()
            : [type];
        return candidates.FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(JsonHttpResult<>))?.GetGenericArguments()[0];
    }
}
