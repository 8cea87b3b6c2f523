namespace CareMesh.Contracts;

/// <summary>
/// A SNOMED CT concept as a GP record codes an activity: the concept id and its preferred display
/// term. Carried on events so a GP-system connector can write the activity back without a lookup.
/// </summary>
public sealed record SnomedConcept(string Code, string Display);
