using System.Net.Http.Json;
using System.Text.Json;

namespace CareMesh.Meetings.Tests;

/// <summary>The service's OpenAPI document: every endpoint summarised and described, request and answer examples in the wire's own shape.</summary>
public class OpenApiTests(MeetingsServiceFactory factory) : IClassFixture<MeetingsServiceFactory>
{
    [Fact]
    public async Task Every_operation_has_a_summary_and_a_description_and_bodies_have_examples()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name.ToUpperInvariant()} {path.Name}", Operation: operation.Value)))
            .ToList();
        Assert.True(operations.Count > 40, $"{operations.Count} operations");
        foreach (var (name, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{name} has no summary");
            Assert.True(operation.TryGetProperty("description", out var description) && description.GetString()!.Length > 0, $"{name} has no description");
            if (operation.TryGetProperty("requestBody", out var body) && name != "POST /api/meetings/audit/lookup")
            {
                Assert.True(body.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), $"{name} has no request example");
            }
        }

        var series = operations.Single(o => o.Name == "POST /api/meeting-series").Operation;
        var example = series.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("case-review", example.GetProperty("kind").GetString());
        Assert.Equal("tuesday", example.GetProperty("recurrence").GetProperty("day").GetString());
        var answer = series.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("every 2 weeks on Tuesday", answer.GetProperty("recurrence").GetProperty("description").GetString());
    }
}
