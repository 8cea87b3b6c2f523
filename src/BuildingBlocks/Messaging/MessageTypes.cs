using System.Collections.Frozen;
using System.Text.Json;
using CareMesh.Contracts;

namespace CareMesh.Messaging;

/// <summary>
/// Maps the integration event types in CareMesh.Contracts to the names stored in the outbox, so a row
/// written by one build can be published by another.
/// </summary>
public static class MessageTypes
{
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    private static readonly FrozenDictionary<string, Type> ByName = typeof(IntegrationEventsAssembly).Assembly
        .GetExportedTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && type.Namespace?.StartsWith("CareMesh.Contracts.", StringComparison.Ordinal) == true)
        .ToFrozenDictionary(type => type.FullName!);

    public static string NameOf(Type type) =>
        ByName.ContainsKey(type.FullName ?? "")
            ? type.FullName!
            : throw new ArgumentException($"{type} is not an integration event in CareMesh.Contracts.", nameof(type));

    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"Unknown integration event type '{name}'.");
}
