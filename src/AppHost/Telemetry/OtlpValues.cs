using System.Collections.Concurrent;
using System.Globalization;
using CareMesh.AppHost.Telemetry.Otlp;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace CareMesh.AppHost.Telemetry;

/// <summary>Turns OTLP's values into the compact strings the stores keep.</summary>
internal sealed class OtlpValues(TelemetryLimits limits)
{
    private const int MaxPooledStrings = 20_000;
    private const string UnknownService = "unknown_service";

    // Keys, names and resource names repeat in every batch: one copy of each is kept, not one per record.
    private readonly ConcurrentDictionary<string, string> pool = new(StringComparer.Ordinal);

    public TelemetryLimits Limits => limits;

    public string Pooled(string text)
    {
        if (pool.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        return pool.Count < MaxPooledStrings ? pool.GetOrAdd(text, text) : text;
    }

    public static string Hex(ByteString id) => id.IsEmpty ? "" : Convert.ToHexStringLower(id.Span);

    /// <summary>The resource's <c>service.name</c>: the app host names each service's telemetry after its resource.</summary>
    public string ServiceName(Resource? resource)
    {
        if (resource is not null)
        {
            foreach (var attribute in resource.Attributes)
            {
                if (attribute.Key == "service.name" && attribute.Value?.StringValue is { Length: > 0 } name)
                {
                    return Pooled(name);
                }
            }
        }

        return UnknownService;
    }

    public KeyValuePair<string, string>[] Attributes(RepeatedField<KeyValue> attributes)
    {
        if (attributes.Count == 0)
        {
            return [];
        }

        var kept = new KeyValuePair<string, string>[Math.Min(attributes.Count, limits.MaxAttributes)];
        for (var i = 0; i < kept.Length; i++)
        {
            kept[i] = new(Pooled(attributes[i].Key), Text(attributes[i].Value));
        }

        return kept;
    }

    public string Text(AnyValue? value) => Truncate(Format(value));

    private string Truncate(string text) => text.Length <= limits.MaxValueLength ? text : text[..limits.MaxValueLength] + "…";

    private static string Format(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => $"[{string.Join(", ", value.ArrayValue.Values.Select(Format))}]",
        AnyValue.ValueOneofCase.KvlistValue => $"{{{string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {Format(kv.Value)}"))}}}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => "",
    };
}
