using System.Net.Http.Json;
using System.Text.Json;

namespace CareMesh.Referrals.Tests;

/// <summary>The service's OpenAPI document: every endpoint summarised and described, request and answer examples in the wire's own shape.</summary>
public class OpenApiTests(ReferralsServiceFactory factory) : IClassFixture<ReferralsServiceFactory>
{
    [Fact]
    public async Task Every_operation_has_a_summary_and_a_description_and_bodies_have_examples()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name.ToUpperInvariant()} {path.Name}", Operation: operation.Value)))
            .ToList();
        Assert.True(operations.Count >= 25, $"{operations.Count} operations");
        foreach (var (name, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{name} has no summary");
            Assert.True(operation.TryGetProperty("description", out var description) && description.GetString()!.Length > 0, $"{name} has no description");
            if (operation.TryGetProperty("requestBody", out var body) && name != "POST /api/referrals/audit/lookup")
            {
                Assert.True(body.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), $"{name} has no request example");
            }
        }

        var intake = operations.Single(o => o.Name == "POST /api/referrals").Operation;
        var example = intake.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("943 476 5919", example.GetProperty("patient").GetProperty("nhsNumber").GetString());
        var answer = intake.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("received", answer.GetProperty("status").GetString());
        Assert.Equal("phone", answer.GetProperty("patient").GetProperty("contact").GetProperty("preferredContactMethod").GetString());

        var report = operations.Single(o => o.Name == "GET /api/referrals/reports/response-times").Operation;
        Assert.Equal(["from", "to"], report.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var month = report.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example")
            .GetProperty("months")[0];
        Assert.Equal("2026-01", month.GetProperty("month").GetString());
        Assert.True(month.GetProperty("firstContact").TryGetProperty("p90Days", out _));
    }
}
