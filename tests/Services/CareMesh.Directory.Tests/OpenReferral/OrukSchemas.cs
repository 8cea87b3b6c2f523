using System.Collections.Concurrent;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.References;

namespace CareMesh.Directory.Tests.OpenReferral;

/// <summary>The standard's JSON Schemas, loaded from the copies beside the tests, their references resolved locally.</summary>
public static class OrukSchemas
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "OpenReferral", "Schemas");
    private static readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema>>> Loaded = new();

    public static Task<JsonSchema> LoadAsync(string file) =>
        Loaded.GetOrAdd(file, name => new Lazy<Task<JsonSchema>>(() => JsonSchema.FromFileAsync(Path.Combine(Folder, name), Resolver))).Value;

    /// <summary>Fails with every schema violation listed when <paramref name="json"/> does not conform to <paramref name="file"/>.</summary>
    public static async Task AssertValidAsync(string file, string json)
    {
        var errors = (await LoadAsync(file)).Validate(json);
        Assert.True(errors.Count == 0,
            $"The response does not conform to {file}:\n{string.Join("\n", errors.Select(e => $"  {e.Path}: {e.Kind} {e.Property}"))}\n{json[..Math.Min(json.Length, 2000)]}");
    }

    private static JsonReferenceResolver Resolver(JsonSchema schema) =>
        new LocalResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()));

    /// <summary>Reads <c>https://openreferraluk.org/specifications/3.0/schema/x.json</c> from the local copy of x.json.</summary>
    private sealed class LocalResolver(JsonSchemaAppender appender) : JsonReferenceResolver(appender)
    {
        public override async Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken) =>
            await JsonSchema.FromFileAsync(Path.Combine(Folder, Path.GetFileName(new Uri(url).AbsolutePath)), Resolver, cancellationToken);
    }
}
