using System.Text.Json;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Enum values as they travel on the wire: kebab-case ("social-care"), the same names the JSON
/// converter writes, so a request validator can name the accepted values.
/// </summary>
public static class WireEnum
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static IEnumerable<string> Names<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(Name);

    /// <summary>A value known to be one of the wire names (as stored by CareMesh itself); throws otherwise.</summary>
    public static TEnum Parse<TEnum>(string value) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);

    public static bool TryParse<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Name(candidate), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }
}
