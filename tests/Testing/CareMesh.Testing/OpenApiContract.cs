using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace CareMesh.Testing;

/// <summary>
/// What every CareMesh OpenAPI document must say of each operation, so an integrator or a generated
/// client learns what the service really accepts and answers: the token it needs and the 401/403 that
/// follow, a 404 where the path names a record, a 400 where it reads input, a 413 for a body, a 412
/// with If-Match, every refusal as problem details, a success with its content, parameters as callers
/// spell them.
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
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
        return document;
    }

    /// <summary>Every operation in a document, named <c>METHOD /path</c>.</summary>
    public static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "put" or "post" or "delete" or "patch" or "head")
            .Select(o => ($"{o.Name.ToUpperInvariant()} {path.Name}", o.Value)));
}
