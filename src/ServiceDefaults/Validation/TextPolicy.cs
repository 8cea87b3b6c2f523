using System.Globalization;
using System.Text;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// One rule for every piece of text a CareMesh service accepts, whatever the field: refused if it
/// holds control characters (other than tab and line breaks), bidirectional overrides or isolates,
/// or broken UTF-16; otherwise normalised to NFC with whitespace and invisible characters trimmed
/// from both ends, so a name made only of zero-width spaces is empty and "required" catches it.
/// Applied to every JSON string a request carries by <see cref="SafeTextJsonConverter"/>.
/// </summary>
public static class TextPolicy
{
    /// <summary>Why <paramref name="value"/> is refused, or null when it is acceptable.</summary>
    public static string? Refusal(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return "It contains a broken character (an unpaired UTF-16 surrogate).";
            }

            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return $"It contains a control character (U+{(int)c:X4}), which text may not hold.";
            }

            if (IsBidiControl(c))
            {
                return $"It contains a bidirectional override or isolate (U+{(int)c:X4}), which can disguise what text says.";
            }
        }

        return null;
    }

    /// <summary>NFC, with whitespace and invisible characters trimmed from both ends.</summary>
    public static string Normalise(string value)
    {
        var normalised = value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);
        var start = 0;
        var end = normalised.Length;
        while (start < end && IsBlank(normalised[start]))
        {
            start++;
        }

        while (end > start && IsBlank(normalised[end - 1]))
        {
            end--;
        }

        return start == 0 && end == normalised.Length ? normalised : normalised[start..end];
    }

    /// <summary>Whitespace, or a character that shows nothing on its own (zero-width space, joiners, word joiner, BOM, soft hyphen).</summary>
    private static bool IsBlank(char c) =>
        char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && !IsBidiControl(c);

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
