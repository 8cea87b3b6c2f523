using CareMesh.Web.Forms;
using Microsoft.AspNetCore.Components;

namespace CareMesh.Web.Components.Nhs;

/// <summary>What every NHS.UK form field shares: its JSON path (its name), label, hint, and the form's values and errors.</summary>
public abstract class Field : ComponentBase
{
    [Parameter, EditorRequired] public string Path { get; set; } = "";

    [Parameter, EditorRequired] public string Label { get; set; } = "";

    [Parameter] public string? Hint { get; set; }

    [Parameter, EditorRequired] public FormValues Values { get; set; } = new();

    [Parameter, EditorRequired] public FormErrors Errors { get; set; } = FormErrors.None;

    protected string Id => FormErrors.IdOf(Path);

    protected string? Error => Errors.For(Path);

    protected string GroupClass => Error is null ? "nhsuk-form-group" : "nhsuk-form-group nhsuk-form-group--error";

    /// <summary>The ids the control is described by: its hint, then its error.</summary>
    protected string? DescribedBy =>
        string.Join(" ", new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.Where(x => x is not null)) is { Length: > 0 } ids ? ids : null;
}

/// <summary>A choice's wire value and the words shown for it.</summary>
public sealed record Choice(string Value, string Text, string? Hint = null)
{
    public static IReadOnlyList<Choice> Of(IEnumerable<string> values) => [.. values.Select(v => new Choice(v, Words.Of(v)))];
}
