using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace CareMesh.Web.Forms;

/// <summary>
/// What the user typed, by field path, kept exactly so a form that failed shows it again; read from a posted
/// form, or started from a record being edited.
/// </summary>
public sealed class FormValues
{
    private readonly Dictionary<string, StringValues> _values = new(StringComparer.Ordinal);

    /// <summary>A posted form, or a query string (a search form sent by GET, so its results can be bookmarked).</summary>
    public static FormValues From(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        var values = new FormValues();
        foreach (var (key, value) in form)
        {
            values._values[key] = value;
        }

        return values;
    }

    public string this[string path]
    {
        get => _values.TryGetValue(path, out var value) ? value.ToString() : "";
        set => _values[path] = value;
    }

    public IReadOnlyList<string> All(string path) => _values.TryGetValue(path, out var value) ? [.. value.Where(v => v is not null)!] : [];

    public void Set(string path, IEnumerable<string> values) => _values[path] = new StringValues([.. values]);

    /// <summary>The trimmed text, or null when blank: the services treat a missing field and a blank one alike.</summary>
    public string? Text(string path) => string.IsNullOrWhiteSpace(this[path]) ? null : this[path].Trim();

    public bool Checked(string path, string value) => All(path).Contains(value, StringComparer.Ordinal);

    public int? Number(string path) => int.TryParse(this[path], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// A date typed as day, month and year (the NHS.UK date input: <c>path.day</c>, <c>path.month</c>,
    /// <c>path.year</c>): null when all three are blank; an error message when it is not a real date.
    /// </summary>
    public (DateOnly? Date, string? Error) Date(string path, string name)
    {
        var (day, month, year) = (this[path + ".day"].Trim(), this[path + ".month"].Trim(), this[path + ".year"].Trim());
        if (day.Length == 0 && month.Length == 0 && year.Length == 0)
        {
            return (null, null);
        }

        return int.TryParse(day, CultureInfo.InvariantCulture, out var d) && int.TryParse(month, CultureInfo.InvariantCulture, out var m)
               && int.TryParse(year, CultureInfo.InvariantCulture, out var y) && year.Length == 4
               && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? (new DateOnly(y, m, d), null)
            : (null, $"{char.ToUpperInvariant(name[0])}{name[1..]} must be a real date, for example 27 3 1950.");
    }

    public void SetDate(string path, DateOnly? date)
    {
        this[path + ".day"] = date?.Day.ToString(CultureInfo.InvariantCulture) ?? "";
        this[path + ".month"] = date?.Month.ToString(CultureInfo.InvariantCulture) ?? "";
        this[path + ".year"] = date?.Year.ToString(CultureInfo.InvariantCulture) ?? "";
    }
}
