using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace CareMesh.Testing.Properties;

/// <summary>
/// Values for requests, from a schema: shapes the service should accept, and hostile ones it must
/// refuse cleanly (NUL and control characters, bidi overrides, invisible-only text, very long text,
/// huge and negative numbers, odd date-times and offsets, nulls where lists hold items, wrong types).
/// </summary>
public sealed class Generators(JsonElement document, IdPool ids)
{
    /// <summary>Text a log line or a trace must never show: it stands for a patient.</summary>
    public const string Canary = "Canary Patient 9434765919";

    private const int MaxDepth = 5;

    public static readonly string[] HostileText =
    [
        "\u0000", "Ada\u0000Lovelace", "\u001b[31mred\u001b[0m", "bell\u0007", "\u202Eevil\u202C", "\u2066isolate\u2069",
        "\u200B\u200B\u200B", "\uFEFF", " ", "", "Ame\u0301lie", "'; DROP TABLE services; --", "%00", "../../etc/passwd",
        "<script>alert(1)</script>", "\uD800", "👩‍👩‍👧", Canary, new string('x', 5_000), new string('y', 100_000),
    ];

    public static readonly string[] OddDateTimes =
    [
        "2026-01-01T00:00:00+01:00", "2026-01-01T00:00:00-14:00", "2026-01-01T00:00:00+14:00", "2026-03-29T01:30:00+00:00",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-01-01T25:00:00Z", "2026-01-01", "2026-01-01T00:00:00", "yesterday", "1e10", "2026-01-01T00:00:00+25:00",
    ];

    public static readonly JsonNode?[] HostileNumbers =
    [
        JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(int.MaxValue), JsonValue.Create(int.MinValue),
        JsonValue.Create(long.MaxValue), JsonValue.Create(-2147483649L), JsonValue.Create(1e308), JsonValue.Create(-1e308),
        JsonValue.Create(0.5), JsonValue.Create(decimal.MaxValue), JsonNode.Parse("1e400"), JsonNode.Parse("18446744073709551616"),
    ];

    /// <summary>A request body for <paramref name="schema"/>: mostly well formed (often the operation's own example), sometimes hostile.</summary>
    public Gen<string> Body(JsonElement schema, JsonNode? example)
    {
        var valid = example is null ? Value(schema, 0) : Gen.Frequency((2, Gen.Constant<JsonNode?>(example.DeepClone())), (1, Value(schema, 0)));
        return valid.SelectMany(node => Gen.Frequency(
            (4, Gen.Constant(node?.ToJsonString() ?? "null")),
            (5, Mutate(node).Select(n => n?.ToJsonString() ?? "null")),
            (1, DuplicateKey(node)),
            (1, Gen.Elements("", "{", "[]", "null", "\"text\"", "{\"a\":", "{}", "[null]"))));
    }

    /// <summary>
    /// A value for a parameter in a path or a query string, as text. Never the canary: patient data is
    /// never put in an address (so addresses may be logged), which the canary check would otherwise flag.
    /// </summary>
    public Gen<string> ParameterText(JsonElement? schema) =>
        Gen.Frequency(
            (6, schema is { } s ? Value(s, MaxDepth - 1).Select(Text) : Gen.Constant("x")),
            (3, Gen.Elements(HostileText.Where(t => t.Length < 10_000).ToArray())),
            (1, Gen.Elements(OddDateTimes)),
            (1, Gen.Elements(HostileNumbers).Select(Text)))
        .Select(text => text.Replace(Canary, "Ada Lovelace", StringComparison.Ordinal).Replace("9434765919", "1234567890", StringComparison.Ordinal));

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>A well-formed value for <paramref name="schema"/> (as far as a schema says: the service may still refuse it).</summary>
    public Gen<JsonNode?> Value(JsonElement schema, int depth)
    {
        schema = Resolve(schema);
        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                var choices = options.EnumerateArray().Where(o => !IsNullOnly(o)).ToList();
                if (choices.Count > 0)
                {
                    return Gen.Elements(choices.ToArray()).SelectMany(choice => Value(choice, depth));
                }
            }
        }

        if (schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() > 0)
        {
            return Value(all[0], depth);
        }

        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return Gen.Elements(values.EnumerateArray().Select(v => JsonNode.Parse(v.GetRawText())).ToArray());
        }

        var types = Types(schema);
        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            return depth >= MaxDepth ? Gen.Constant<JsonNode?>(new JsonObject()) : Object(schema, depth);
        }

        if (types.Contains("array"))
        {
            var item = schema.TryGetProperty("items", out var items) ? items : default;
            return depth >= MaxDepth || item.ValueKind != JsonValueKind.Object
                ? Gen.Constant<JsonNode?>(new JsonArray())
                : Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Value(item, depth + 1), n)).Select(a => (JsonNode?)new JsonArray([.. a.Select(x => x?.DeepClone())]));
        }

        if (types.Contains("integer"))
        {
            var min = schema.TryGetProperty("minimum", out var lo) && lo.TryGetInt32(out var l) ? l : 0;
            var max = schema.TryGetProperty("maximum", out var hi) && hi.TryGetInt32(out var h) ? h : Math.Max(min, 100);
            return Gen.Choose(min, max).Select(n => (JsonNode?)JsonValue.Create(n));
        }

        if (types.Contains("number"))
        {
            return Gen.Choose(-90_000, 90_000).Select(n => (JsonNode?)JsonValue.Create(n / 1000.0));
        }

        if (types.Contains("boolean"))
        {
            return Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b));
        }

        if (types.Contains("string") || types.Count == 0)
        {
            return String(schema).Select(s => (JsonNode?)JsonValue.Create(s));
        }

        return Gen.Constant<JsonNode?>(null);
    }

    private Gen<string> String(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var maxLength = schema.TryGetProperty("maxLength", out var m) && m.TryGetInt32(out var n) ? n : 40;
        return format switch
        {
            "uuid" => Gen.Frequency((4, ids.Known()), (1, Gen.Fresh(() => Guid.NewGuid().ToString()))),
            "date-time" => Gen.Choose(-400, 400).Select(days => DateTimeOffset.UtcNow.AddDays(days).ToString("O", CultureInfo.InvariantCulture)),
            "date" => Gen.Choose(-400, 400).Select(days => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(days)).ToString("O", CultureInfo.InvariantCulture)),
            "time" => Gen.Choose(0, 23).Select(h => $"{h:00}:30:00"),
            "email" => Gen.Constant("someone@example.org"),
            "uri" => Gen.Constant("https://example.org/page"),
            _ => Gen.Frequency(
                (6, Gen.Elements("Leeds", "Community counselling", "Ada Lovelace", "routine", "9434765919", "LS1 1UR", "0113 496 0000", "https://example.org", "hello@example.org", "en")),
                (1, Gen.Constant(Canary))).Select(s => s.Length > maxLength ? s[..maxLength] : s),
        };
    }

    private Gen<JsonNode?> Object(JsonElement schema, int depth)
    {
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return Gen.Constant<JsonNode?>(new JsonObject());
        }

        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
        var fields = properties.EnumerateObject().ToList();
        return Gen.CollectToList(fields, field => Gen.Frequency(
                (required.Contains(field.Name) ? 20 : 3, Value(field.Value, depth + 1).Select(v => (Field: field.Name, Present: true, Value: v))),
                (1, Gen.Constant((Field: field.Name, Present: false, Value: (JsonNode?)null)))))
            .Select(chosen =>
            {
                var node = new JsonObject();
                foreach (var (name, present, value) in chosen.Where(c => c.Present))
                {
                    node[name] = value?.DeepClone();
                }

                return (JsonNode?)node;
            });
    }

    /// <summary>The same value with one place in it made hostile.</summary>
    public static Gen<JsonNode?> Mutate(JsonNode? node)
    {
        var places = Places(node, "").ToList();
        if (places.Count == 0)
        {
            return Hostile();
        }

        return Gen.Elements(places.ToArray()).SelectMany(place => Hostile().Select(replacement =>
        {
            var copy = node!.DeepClone();
            Replace(copy, place, replacement?.DeepClone());
            return (JsonNode?)copy;
        }));
    }

    private static Gen<JsonNode?> Hostile() => Gen.Frequency(
        (5, Gen.Elements(HostileText).Select(t => (JsonNode?)JsonValue.Create(t))),
        (3, Gen.Elements(HostileNumbers)),
        (2, Gen.Elements(OddDateTimes).Select(t => (JsonNode?)JsonValue.Create(t))),
        (2, Gen.Constant<JsonNode?>(null)),
        (2, Gen.Elements<JsonNode?>(JsonNode.Parse("[null]"), JsonNode.Parse("[\"a\",null]"), JsonNode.Parse("{}"), JsonNode.Parse("[]"), JsonValue.Create(true))),
        (1, Gen.Constant<JsonNode?>(new JsonArray([.. Enumerable.Range(0, 5_000).Select(i => (JsonNode?)JsonValue.Create(i))]))));

    /// <summary>An object's text with its first field given twice, the first time with another value.</summary>
    private static Gen<string> DuplicateKey(JsonNode? node) =>
        node is JsonObject obj && obj.Count > 0
            ? Hostile().Select(value =>
            {
                var text = obj.ToJsonString();
                var name = JsonSerializer.Serialize(obj.First().Key);
                return "{" + name + ":" + (value?.ToJsonString() ?? "null") + "," + text[1..];
            })
            : Gen.Constant("{\"a\":1,\"a\":2}");

    private static IEnumerable<string> Places(JsonNode? node, string at)
    {
        if (at.Length > 0)
        {
            yield return at;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var place in Places(value, $"{at}/{key}"))
                    {
                        yield return place;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var place in Places(array[i], $"{at}/{i}"))
                    {
                        yield return place;
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode root, string place, JsonNode? value)
    {
        var steps = place.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = root;
        foreach (var step in steps[..^1])
        {
            parent = parent is JsonArray a ? a[int.Parse(step, CultureInfo.InvariantCulture)]! : parent[step]!;
        }

        if (parent is JsonArray array)
        {
            array[int.Parse(steps[^1], CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[steps[^1]] = value;
        }
    }

    private JsonElement Resolve(JsonElement schema)
    {
        for (var i = 0; i < 10 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); i++)
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    private static HashSet<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null")]
        : [type.GetString()!];

    private static bool IsNullOnly(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";
}

/// <summary>Ids the run has seen (given up front, or in any answer), so generated paths often name real records.</summary>
public sealed class IdPool
{
    private readonly List<string> _ids = [];

    public void Add(IEnumerable<Guid> ids)
    {
        lock (_ids)
        {
            _ids.AddRange(ids.Select(id => id.ToString()).Except(_ids));
        }
    }

    public void Harvest(JsonElement answer)
    {
        var found = new List<Guid>();
        Collect(answer, found, 0);
        Add(found);
    }

    /// <summary>A known id when there is one; drawn when the generator runs, so ids seen since count.</summary>
    public Gen<string> Known() => Gen.Choose(0, int.MaxValue - 1).Select(n =>
    {
        lock (_ids)
        {
            return _ids.Count == 0 ? Guid.NewGuid().ToString() : _ids[n % _ids.Count];
        }
    });

    private static void Collect(JsonElement element, List<Guid> found, int depth)
    {
        if (depth > 6 || found.Count > 200)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && Guid.TryParse(property.Value.GetString(), out var id))
                    {
                        found.Add(id);
                    }
                    else
                    {
                        Collect(property.Value, found, depth + 1);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray().Take(20))
                {
                    Collect(item, found, depth + 1);
                }

                break;
        }
    }
}
