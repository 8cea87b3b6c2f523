using System.Globalization;

namespace CareMesh.Web.Components.Directory;

/// <summary>What a listing's wire words mean for the person being helped, as every directory page shows them.</summary>
public static class Listing
{
    /// <summary>
    /// Whether a referral can usefully be sent: the Referrals service refuses a signposting-only listing, and a service
    /// closed to referrals would only have to decline it, so neither is offered "Send a referral".
    /// </summary>
    public static bool TakesReferrals(string referralRoute, string capacity) =>
        referralRoute == "direct-referral" && capacity != "closed-to-referrals";

    public static string CapacityText(string capacity, int? typicalWaitWeeks) => capacity switch
    {
        "accepting-referrals" => "Accepting referrals",
        "waiting-list" when typicalWaitWeeks is { } weeks => $"Waiting list, about {(weeks == 1 ? "1 week" : weeks.ToString(CultureInfo.InvariantCulture) + " weeks")}",
        "waiting-list" => "Waiting list",
        "closed-to-referrals" => "Closed to referrals",
        _ => Words.Of(capacity),
    };

    public static string CapacityColour(string capacity) => capacity switch
    {
        "accepting-referrals" => "green",
        "waiting-list" => "yellow",
        _ => "red",
    };

    /// <summary>An RFC 5545 <c>BYDAY</c> list (<c>MO,TU</c>, <c>1SA</c>) in words: "Monday, Tuesday", "first Saturday".</summary>
    public static string Days(string? byDay) =>
        byDay is null ? "" : string.Join(", ", byDay.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Day));

    private static string Day(string code)
    {
        var name = code[^2..].ToUpperInvariant() switch
        {
            "MO" => "Monday", "TU" => "Tuesday", "WE" => "Wednesday", "TH" => "Thursday", "FR" => "Friday", "SA" => "Saturday", "SU" => "Sunday",
            var other => other,
        };
        var ordinal = code[..^2].Trim('+');
        return ordinal switch
        {
            "" => name,
            "1" => $"first {name}",
            "2" => $"second {name}",
            "3" => $"third {name}",
            "4" => $"fourth {name}",
            "-1" => $"last {name}",
            _ => $"{name} ({ordinal})",
        };
    }

    public static string Time(TimeOnly? time) => time?.ToString("h:mmtt", CultureInfo.GetCultureInfo("en-GB")).Replace("AM", "am").Replace("PM", "pm") ?? "";

    public static string Ages(int? minimum, int? maximum) => (minimum, maximum) switch
    {
        (null, null) => "Any age",
        ({ } min, null) => $"{min} and over",
        (null, { } max) => $"Up to {max}",
        ({ } min, { } max) => $"{min} to {max}",
    };
}
