namespace CareMesh.Contracts;

/// <summary>
/// Marks this assembly: integration events are records in <c>CareMesh.Contracts.&lt;OwningService&gt;</c>,
/// named in the past tense. Changes are additive only; a breaking change is a new type.
/// </summary>
public sealed class IntegrationEventsAssembly;
