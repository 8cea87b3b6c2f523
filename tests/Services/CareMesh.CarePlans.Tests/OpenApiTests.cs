using System.Net.Http.Json;
using System.Text.Json;

namespace CareMesh.CarePlans.Tests;

/// <summary>The service's OpenAPI document: every endpoint summarised and described, request and answer examples in the wire's own shape.</summary>
public class OpenApiTests(CarePlansServiceFactory factory) : IClassFixture<CarePlansServiceFactory>
{
    [Fact]
    public async Task Every_operation_has_a_summary_and_a_description_and_bodies_have_examples()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name.ToUpperInvariant()} {path.Name}", Operation: operation.Value)))
            .ToList();
        Assert.True(operations.Count >= 22, $"{operations.Count} operations");
        foreach (var (name, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{name} has no summary");
            Assert.True(operation.TryGetProperty("description", out var description) && description.GetString()!.Length > 0, $"{name} has no description");
            if (operation.TryGetProperty("requestBody", out var body) && name != "POST /api/care-plans/audit/lookup")
            {
                Assert.True(body.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), $"{name} has no request example");
            }
        }

        var open = operations.Single(o => o.Name == "POST /api/care-plans").Operation;
        var example = open.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("codes-only", example.GetProperty("sections").GetProperty("consent").GetProperty("gpSharing").GetString());
        var answer = open.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("draft", answer.GetProperty("status").GetString());
        Assert.Equal("directory-service", answer.GetProperty("actions")[0].GetProperty("owner").GetProperty("kind").GetString());
        // No NHS number in any path or query: it travels in bodies.
        Assert.DoesNotContain(document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : []), p => p.GetProperty("name").GetString() == "nhsNumber");
    }
}
