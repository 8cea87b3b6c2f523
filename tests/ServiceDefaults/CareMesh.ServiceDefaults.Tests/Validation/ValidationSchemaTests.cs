using System.ComponentModel.DataAnnotations;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.ServiceDefaults.Tests.Validation;

/// <summary>The OpenAPI document states a request body's rules from the very attributes the validation runs.</summary>
public class ValidationSchemaTests
{
    public enum Shade
    {
        Pale,
        DeepBlue,
    }

    public sealed record Sample(
        [property: Required, Text(50)] string? Name,
        [property: Email] string? Email = null,
        [property: Items(3, MaximumLength = 10)] IReadOnlyList<string>? Tags = null,
        [property: OneOf<Shade>] string? Shade = null,
        [property: AllowedValues("WEEKLY", "MONTHLY")] string Frequency = "WEEKLY",
        [property: RegularExpression("^[a-z]+$")] string? Code = null,
        int? Count = null);

    public sealed record Reply(string Name, int Count);

    [Fact]
    public async Task Text_is_typed_and_bounded_and_only_what_validation_enforces_is_required()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var sample = schemas.GetProperty(nameof(Sample));
        var properties = sample.GetProperty("properties");

        Assert.Equal(["name"], sample.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("string", properties.GetProperty("name").GetProperty("type").GetString());
        Assert.Equal(50, properties.GetProperty("name").GetProperty("maxLength").GetInt32());
        Assert.Equal(["null", "string"], Types(properties.GetProperty("email")));
        Assert.Equal(("email", 320), (properties.GetProperty("email").GetProperty("format").GetString(), properties.GetProperty("email").GetProperty("maxLength").GetInt32()));
        var tags = properties.GetProperty("tags");
        Assert.Equal(3, tags.GetProperty("maxItems").GetInt32());
        Assert.Equal(("string", 10), (tags.GetProperty("items").GetProperty("type").GetString(), tags.GetProperty("items").GetProperty("maxLength").GetInt32()));
        Assert.Equal(["pale", "deep-blue", null], properties.GetProperty("shade").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["string"], Types(properties.GetProperty("frequency")));
        Assert.Equal(["WEEKLY", "MONTHLY"], properties.GetProperty("frequency").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("^[a-z]+$", properties.GetProperty("code").GetProperty("pattern").GetString());

        // An answer's schema keeps every property required: the service always writes them all.
        Assert.Equal(["name", "count"], schemas.GetProperty(nameof(Reply)).GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void A_list_of_text_refuses_an_item_longer_than_its_limit()
    {
        var errors = RequestValidation.Errors(new Sample("Ada", Tags: ["short", "much too long"]));

        Assert.Equal("Each of the Tags must be at most 10 characters.", Assert.Single(errors["tags"]));
    }

    private static string[] Types(JsonElement schema) =>
        schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } list ? [.. list.EnumerateArray().Select(t => t.GetString()!).Order()] : [schema.GetProperty("type").GetString()!];

    private static async Task<JsonElement> DocumentAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new SafeTextJsonConverter()));
        builder.Services.AddCareMeshOpenApi("v1");
        await using var app = builder.Build();
        app.MapPost("/samples", (Sample sample) => TypedResults.Ok(new Reply(sample.Name!, sample.Count ?? 0)));
        app.MapOpenApi();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }
}
