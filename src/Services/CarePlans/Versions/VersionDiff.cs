using System.Text.Json;

namespace CareMesh.CarePlans.Versions;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two versions: the field's path, and its value before and after (as JSON text).</summary>
public sealed record VersionChange(string Path, ChangeKind Change, string? Before, string? After);

/// <summary>
/// The differences between two versions' JSON, field by field. Items of a list that carry an
/// <c>id</c> (goals, actions) are matched by it, so a goal added at the top shows as one addition
/// rather than every goal after it changing; other lists are matched by position.
/// </summary>
public static class VersionDiff
{
    /// <summary>Parts that say how a version was agreed rather than what it holds.</summary>
    private static readonly HashSet<string> Ignored = ["agreement", "version"];

    public static IReadOnlyList<VersionChange> Between(JsonElement before, JsonElement after)
    {
        var (left, right) = (Flatten(before), Flatten(after));
        var changes = new List<VersionChange>();
        foreach (var (path, value) in left)
        {
            if (!right.TryGetValue(path, out var now))
            {
                changes.Add(new VersionChange(path, ChangeKind.Removed, value, null));
            }
            else if (now != value)
            {
                changes.Add(new VersionChange(path, ChangeKind.Changed, value, now));
            }
        }

        changes.AddRange(right.Where(r => !left.ContainsKey(r.Key)).Select(r => new VersionChange(r.Key, ChangeKind.Added, null, r.Value)));
        return [.. changes.OrderBy(c => c.Path, StringComparer.Ordinal)];
    }

    private static Dictionary<string, string> Flatten(JsonElement root)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject().Where(p => !Ignored.Contains(p.Name)))
        {
            Walk(property.Value, property.Name, fields);
        }

        return fields;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, $"{path}.{property.Name}", fields);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var key = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) ? id.ToString() : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Walk(item, $"{path}[{key}]", fields);
                    index++;
                }

                break;
            case JsonValueKind.Null:
                // An absent value and a null one are the same to a reader of the plan.
                break;
            default:
                fields[path] = element.GetRawText();
                break;
        }
    }
}
