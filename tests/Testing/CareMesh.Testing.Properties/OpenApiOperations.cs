using System.Text.Json;
using System.Text.Json.Nodes;

namespace CareMesh.Testing.Properties;

/// <summary>One operation of an OpenAPI document: what a request to it may carry.</summary>
public sealed record OpenApiOperation(
    string Method,
    string PathTemplate,
    IReadOnlyList<OpenApiParameter> Parameters,
    JsonElement? BodySchema,
    JsonNode? BodyExample,
    IReadOnlySet<string> Statuses)
{
    public string Name => $"{Method} {PathTemplate}";

    public bool IsWrite => Method is not ("GET" or "HEAD");

    /// <summary>Every operation in <paramref name="document"/>, in the document's order.</summary>
    public static IReadOnlyList<OpenApiOperation> All(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "put" or "post" or "delete" or "patch")
            .Select(o => From(o.Name.ToUpperInvariant(), path.Name, o.Value)))];

    private static OpenApiOperation From(string method, string path, JsonElement operation)
    {
        var parameters = operation.TryGetProperty("parameters", out var p)
            ? p.EnumerateArray().Select(x => new OpenApiParameter(
                x.GetProperty("name").GetString()!, x.GetProperty("in").GetString()!,
                x.TryGetProperty("required", out var r) && r.GetBoolean(),
                x.TryGetProperty("schema", out var s) ? s : null)).ToList()
            : [];
        JsonElement? bodySchema = null;
        JsonNode? example = null;
        if (operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
        {
            var media = content.EnumerateObject().FirstOrDefault(m => m.Name.Contains("json", StringComparison.Ordinal));
            if (media.Value.ValueKind == JsonValueKind.Object)
            {
                bodySchema = media.Value.TryGetProperty("schema", out var schema) ? schema : null;
                example = media.Value.TryGetProperty("example", out var e) ? JsonNode.Parse(e.GetRawText()) : null;
            }
        }

        var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        return new OpenApiOperation(method, path, parameters, bodySchema, example, statuses);
    }
}

public sealed record OpenApiParameter(string Name, string In, bool Required, JsonElement? Schema);
