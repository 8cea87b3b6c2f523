using System.Text.Json.Nodes;

namespace CareMesh.Directory.Tests.Import;

/// <summary>Services as another directory publishes them, made from the standard's example of a fully nested service.</summary>
public static class FeedServices
{
    private static readonly string ExampleFile = Path.Combine(AppContext.BaseDirectory, "Import", "Feeds", "service_full.json");

    /// <summary>The standard's example exactly as published.</summary>
    public static JsonObject Example() => JsonNode.Parse(File.ReadAllText(ExampleFile))!.AsObject();

    public static Guid ExampleOrganisationId => Guid.Parse((string)Example()["organization"]!["id"]!);

    public static Guid ExampleLocationId => Guid.Parse((string)Example()["service_at_locations"]![0]!["location"]!["id"]!);

    /// <summary>
    /// The example with its placeholder values made real, so our rules accept it: a latitude and longitude on
    /// the earth (it gives 100 and 101) and a name for its language (it gives only an id). With a new id and
    /// <paramref name="name"/> when given, so one feed can hold several; they share the example's organisation and location.
    /// </summary>
    public static JsonObject Valid(string? name = null)
    {
        var service = Example();
        var location = service["service_at_locations"]![0]!["location"]!;
        location["latitude"] = 53.8014;
        location["longitude"] = -1.5494;
        service["languages"]![0]!["name"] = "English";
        service["languages"]![0]!["code"] = "en";
        if (name is not null)
        {
            service["id"] = Guid.NewGuid().ToString();
            service["name"] = name;
            service["service_at_locations"]![0]!["id"] = Guid.NewGuid().ToString();
        }

        return service;
    }

    public static Guid IdOf(JsonObject service) => Guid.Parse((string)service["id"]!);
}
