using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Web.Components;

/// <summary>The services' wire words (<c>in-progress</c>, <c>care-coordinator</c>) as a page shows them, and UK dates.</summary>
public static class Words
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    private static readonly Dictionary<string, string> Special = new(StringComparer.Ordinal)
    {
        ["gp"] = "GP",
        ["vcs-partner"] = "VCS partner",
        ["vcs-partners"] = "VCS partners",
        ["other-nhs-services"] = "Other NHS services",
        ["not-registered-with-pcn"] = "Not registered with the PCN",
        ["mdt"] = "MDT",
        ["in-person"] = "In person",
    };

    public static string Of(string? wire)
    {
        if (string.IsNullOrEmpty(wire))
        {
            return "";
        }

        if (Special.TryGetValue(wire, out var special))
        {
            return special;
        }

        var words = wire.Replace('-', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>An NHS number as people read it: 943 476 5919.</summary>
    public static string NhsNumber(string? digits) =>
        digits is { Length: 10 } ? $"{digits[..3]} {digits[3..6]} {digits[6..]}" : digits ?? "";

    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", Uk) ?? "";

    /// <summary>A moment as the user's clock showed it: UK time.</summary>
    public static string DateTime(DateTimeOffset? at) =>
        at is { } moment ? UkTime.ToUk(moment).ToString("d MMMM yyyy, h:mmtt", Uk).Replace("AM", "am").Replace("PM", "pm") : "";

    public static string Days(int days) => days == 1 ? "1 day" : $"{days.ToString(CultureInfo.InvariantCulture)} days";
}
