using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace CareMesh.Testing;

/// <summary>
/// What every CareMesh OpenAPI document must say of each operation, so an integrator or a generated
/// client learns what the service really accepts and answers: the token it needs and the 401/403 that
/// follow, a 404 where the path names a record, a 400 where it reads input, a 413 for a body, a 412
/// with If-Match, every refusal as problem details, a success with its content, parameters as callers
/// spell them, and a request body whose every string and list is bounded (a length, pattern, format
/// or set of values; a most number of items), so a client knows before it sends what will be refused.
/// </summary>
public static class OpenApiContract
{
    public static async Task<JsonElement> AssertCompleteAsync(HttpClient client, string documentPath = "/openapi/v1.json")
    {
        var document = await client.GetFromJsonAsync<JsonElement>(documentPath);
        var faults = new List<string>();
        foreach (var (name, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            bool Has(string status) => responses.TryGetProperty(status, out _);
            void Need(string status, string why)
            {
                if (!Has(status))
                {
                    faults.Add($"{name}: no {status} ({why})");
                }
            }

            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            var body = operation.TryGetProperty("requestBody", out _);
            if (operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0)
            {
                Need("401", "it needs a token");
                Need("403", "it needs a token");
            }

            if (name.Contains('{'))
            {
                Need("404", "its path names a record");
            }

            if (body || parameters.Any(x => x.GetProperty("in").GetString() is "query" or "path"))
            {
                Need("400", "it reads input");
            }

            if (body)
            {
                Need("413", "it reads a body");
            }

            if (parameters.Any(x => x.GetProperty("name").GetString() == "If-Match"))
            {
                Need("412", "it takes If-Match");
            }

            foreach (var parameter in parameters.Where(x => x.GetProperty("in").GetString() == "query"))
            {
                if (parameter.GetProperty("name").GetString() is [var first, ..] query && char.IsUpper(first))
                {
                    faults.Add($"{name}: query parameter {query} is not named as callers send it");
                }
            }

            var statuses = responses.EnumerateObject().ToList();
            if (!statuses.Any(s => s.Name.StartsWith('2')))
            {
                faults.Add($"{name}: no success answer");
            }

            foreach (var answer in statuses)
            {
                var content = answer.Value.TryGetProperty("content", out var c) ? c.EnumerateObject().Select(m => m.Name).ToList() : [];
                if (answer.Name.StartsWith('4') && !content.Contains("application/problem+json"))
                {
                    faults.Add($"{name}: {answer.Name} is not problem details");
                }

                if (answer.Name == "200" && content.Count == 0)
                {
                    faults.Add($"{name}: 200 has no content");
                }
            }

            if (operation.TryGetProperty("requestBody", out var requestBody) && requestBody.TryGetProperty("content", out var bodyContent))
            {
                foreach (var media in bodyContent.EnumerateObject().Where(m => m.Value.TryGetProperty("schema", out _)))
                {
                    AssertBounded(document, media.Value.GetProperty("schema"), "$", [], fault => faults.Add($"{name}: {fault}"));
                }
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
        return document;
    }

    /// <summary>
    /// Every string below <paramref name="schema"/> (through references, lists, nested objects and
    /// alternatives) has a maxLength, pattern, format or enum, every list a maxItems, and nothing is
    /// an empty schema, which would accept anything. Faults name the JSON path: <c>$.goals[].text</c>.
    /// </summary>
    private static void AssertBounded(JsonElement document, JsonElement schema, string path, HashSet<string> following, Action<string> fault)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            fault($"{path} accepts anything");
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!;
            // A schema that holds itself (a tree) is checked once on each branch.
            if (following.Add(target))
            {
                var resolved = target.Split('/').Skip(1).Aggregate(document, (node, segment) => node.GetProperty(segment));
                AssertBounded(document, resolved, path, following, fault);
                following.Remove(target);
            }

            return;
        }

        var alternatives = new[] { "anyOf", "oneOf", "allOf" }
            .SelectMany(keyword => schema.TryGetProperty(keyword, out var list) ? list.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .ToList();
        foreach (var alternative in alternatives)
        {
            AssertBounded(document, alternative, path, following, fault);
        }

        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToHashSet()
            : [type.GetString()];
        bool Says(string keyword) => schema.TryGetProperty(keyword, out _);
        if (types.Count == 0 && alternatives.Count == 0 && !Says("enum") && !Says("const") && !Says("properties"))
        {
            fault($"{path} has no type, so accepts anything");
        }

        if (types.Contains("string") && !Says("maxLength") && !Says("pattern") && !Says("format") && !Says("enum"))
        {
            fault($"{path} is text with no maxLength, pattern, format or enum");
        }

        if (types.Contains("array"))
        {
            if (!Says("maxItems"))
            {
                fault($"{path} is a list with no maxItems");
            }

            if (schema.TryGetProperty("items", out var items))
            {
                AssertBounded(document, items, $"{path}[]", following, fault);
            }
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                AssertBounded(document, property.Value, $"{path}.{property.Name}", following, fault);
            }
        }

        if (schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            AssertBounded(document, values, $"{path}.*", following, fault);
        }
    }

    /// <summary>Every operation in a document, named <c>METHOD /path</c>.</summary>
    public static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "put" or "post" or "delete" or "patch" or "head")
            .Select(o => ($"{o.Name.ToUpperInvariant()} {path.Name}", o.Value)));
}
