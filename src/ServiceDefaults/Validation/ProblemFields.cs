using System.Text.Json;
using System.Text.RegularExpressions;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Field names in validation problems are the request's JSON paths: <c>patient.nhsNumber</c>,
/// <c>goals[2].targetDate</c>. The generated validation names fields by their C# members
/// (<c>Patient.NhsNumber</c>); this puts them, and the messages that name them, in JSON's words.
/// </summary>
public static partial class ProblemFields
{
    public static IDictionary<string, string[]> ToJsonNames(IDictionary<string, string[]> errors)
    {
        if (!errors.Keys.Any(key => Segment().Matches(key).Any(segment => char.IsUpper(segment.Value[0]))))
        {
            return errors;
        }

        var renamed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in errors)
        {
            var jsonKey = Segment().Replace(key, match => JsonNamingPolicy.CamelCase.ConvertName(match.Value));
            var member = key.Split('.').Last().Split('[')[0];
            var jsonMember = JsonNamingPolicy.CamelCase.ConvertName(member);
            renamed[jsonKey] = renamed.TryGetValue(jsonKey, out var existing)
                ? [.. existing, .. messages.Select(m => m.Replace(member, jsonMember, StringComparison.Ordinal))]
                : [.. messages.Select(m => m.Replace(member, jsonMember, StringComparison.Ordinal))];
        }

        return renamed;
    }

    /// <summary>The field a JSON reader's path names: <c>$.patient.givenName</c> is <c>patient.givenName</c>; the whole body is <c>body</c>.</summary>
    public static string FromJsonPath(string? path) => path is null or "$" or "" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    [GeneratedRegex(@"(?<=^|\.)[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Segment();
}
