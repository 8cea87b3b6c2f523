using System.Text.RegularExpressions;
using CareMesh.Web.Gateway;

namespace CareMesh.Web.Forms;

/// <summary>One line of the NHS.UK error summary: the message, and the field it links to (none when it is about the whole form).</summary>
public sealed record ErrorItem(string Message, string? FieldId);

/// <summary>
/// A form's errors, from a service's problem details or the form's own checks, arranged as the NHS.UK error
/// summary wants them: one line per fault, in the order the fields appear on the page, each linking to its
/// field; and the message to show at each field. Fields are named by the JSON path the service uses
/// (<c>patient.nhsNumber</c>), so its <c>errors</c> keys land on them as they come.
/// </summary>
public sealed partial class FormErrors
{
    public static readonly FormErrors None = new([], new Dictionary<string, string>(StringComparer.Ordinal));

    private readonly Dictionary<string, string> _byField;

    private FormErrors(IReadOnlyList<ErrorItem> summary, Dictionary<string, string> byField)
    {
        Summary = summary;
        _byField = byField;
    }

    public IReadOnlyList<ErrorItem> Summary { get; }

    public bool Any => Summary.Count > 0;

    /// <summary>The message at the field with this path, if it is at fault.</summary>
    public string? For(string path) => _byField.GetValueOrDefault(path);

    /// <summary>The HTML id of the field with this JSON path: <c>patient.nhsNumber</c> is <c>patient-nhsNumber</c>.</summary>
    public static string IdOf(string path) => NotIdCharacters().Replace(path, "-").Trim('-');

    /// <summary>
    /// Lays a problem's field errors onto the form's fields (<paramref name="fields"/>, in page order). A key
    /// names a field exactly, or a part of one (<c>needs[1]</c> is the <c>needs</c> checkboxes), or an object
    /// the form spreads over several fields (<c>patient</c> goes to its first). A problem with no field errors
    /// (a workflow refusal, a change made meanwhile) is one line: its title and detail.
    /// </summary>
    public static FormErrors From(Problem problem, IReadOnlyList<string> fields)
    {
        if (problem.Errors.Count == 0)
        {
            return new FormErrors([new ErrorItem(string.Join(" ", new[] { problem.Title, problem.Detail }.Where(p => !string.IsNullOrWhiteSpace(p))), null)],
                new Dictionary<string, string>(StringComparer.Ordinal));
        }

        return Of(problem.Errors.Select(error => (error.Key, string.Join(" ", error.Value))), fields);
    }

    /// <summary>Errors the form found itself, before calling a service (a date that is not a date).</summary>
    public static FormErrors Of(IEnumerable<(string Path, string Message)> errors, IReadOnlyList<string> fields)
    {
        var placed = new List<(int Order, ErrorItem Item)>();
        var byField = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, message) in errors)
        {
            var field = FieldFor(path, fields);
            var order = field is null ? int.MaxValue : Enumerable.Range(0, fields.Count).First(i => fields[i] == field);
            placed.Add((order, new ErrorItem(message, field is null ? null : IdOf(field))));
            if (field is not null)
            {
                byField[field] = byField.TryGetValue(field, out var earlier) ? $"{earlier} {message}" : message;
            }
        }

        return new FormErrors([.. placed.OrderBy(p => p.Order).Select(p => p.Item)], byField);
    }

    private static string? FieldFor(string path, IReadOnlyList<string> fields) =>
        fields.FirstOrDefault(f => f == path)
        ?? fields.Where(f => path.StartsWith(f + ".", StringComparison.Ordinal) || path.StartsWith(f + "[", StringComparison.Ordinal)).MaxBy(f => f.Length)
        ?? fields.FirstOrDefault(f => f.StartsWith(path + ".", StringComparison.Ordinal));

    [GeneratedRegex("[^A-Za-z0-9_]+")]
    private static partial Regex NotIdCharacters();
}
