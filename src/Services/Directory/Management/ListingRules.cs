using System.Net.Mail;
using System.Text.RegularExpressions;
using CareMesh.Directory.Listings;

namespace CareMesh.Directory.Management;

/// <summary>
/// Checks on what people type into a listing, each fault reported against its field. The Open
/// Referral UK enumerations and formats, UK phone numbers, opening times that make sense.
/// </summary>
public sealed partial class ListingRules
{
    public const int MaxAge = 130;
    public const int MaxWaitWeeks = 104;
    private static readonly string[] Frequencies = ["WEEKLY", "MONTHLY"];

    private readonly Dictionary<string, List<string>> faults = [];

    public bool IsValid => faults.Count == 0;

    public Dictionary<string, string[]> Errors => faults.ToDictionary(f => f.Key, f => f.Value.ToArray());

    public void Fault(string field, string message) =>
        (faults.TryGetValue(field, out var list) ? list : faults[field] = []).Add(message);

    /// <summary>
    /// The items of a list with their indexes, for checking each. A null item is a fault against the
    /// list (the one rule for every list a request carries, as <c>[Items]</c> elsewhere) and is skipped.
    /// </summary>
    public IEnumerable<(T Item, int Index)> Items<T>(IReadOnlyList<T?>? items, string field) where T : class
    {
        var indexed = (items ?? []).Select((item, index) => (item, index)).ToList();
        if (indexed.Any(x => x.item is null))
        {
            Fault(field, "The list may not hold null items.");
        }

        return indexed.Where(x => x.item is not null).Select(x => (x.item!, x.index));
    }

    public string? RequiredText(string? value, string field, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fault(field, $"{what} is required.");
            return null;
        }

        return OptionalText(value, field, what, maxLength);
    }

    public string? OptionalText(string? value, string field, string what, int maxLength)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text?.Length > maxLength)
        {
            Fault(field, $"{what} must be at most {maxLength} characters.");
        }

        return text;
    }

    public string? Email(string? value, string field)
    {
        var text = OptionalText(value, field, "The email address", 320);
        if (text is not null && !IsEmail(text))
        {
            Fault(field, $"'{text}' is not an email address.");
        }

        return text;
    }

    public string? WebAddress(string? value, string field)
    {
        var text = OptionalText(value, field, "The web address", 2000);
        if (text is not null && !IsWebAddress(text))
        {
            Fault(field, $"'{text}' is not an absolute http or https address.");
        }

        return text;
    }

    public string? PhoneNumber(string? value, string field)
    {
        var text = RequiredText(value, field, "The phone number", 40);
        if (text is not null && !IsUkPhoneNumber(text))
        {
            Fault(field, $"'{text}' is not a UK phone number (such as 0113 496 0000, +44 113 496 0000 or 111).");
        }

        return text;
    }

    public void AgeRange(int? minimum, int? maximum)
    {
        if (minimum is < 0 or > MaxAge)
        {
            Fault("minimumAge", $"The minimum age must be between 0 and {MaxAge}.");
        }

        if (maximum is < 0 or > MaxAge)
        {
            Fault("maximumAge", $"The maximum age must be between 0 and {MaxAge}.");
        }

        if (minimum > maximum)
        {
            Fault("maximumAge", "The maximum age must not be below the minimum age.");
        }
    }

    public void DateRange(DateOnly? from, DateOnly? to, string field)
    {
        if (from > to)
        {
            Fault(field, "The end date must not be before the start date.");
        }
    }

    /// <summary>An RFC 5545 style rule that makes sense: a known frequency, real days, opening before closing.</summary>
    public void Schedule(Schedule schedule, string field)
    {
        if (!Frequencies.Contains(schedule.Freq, StringComparer.Ordinal))
        {
            Fault($"{field}.freq", "The frequency must be WEEKLY or MONTHLY.");
        }

        if (schedule.Interval is < 1)
        {
            Fault($"{field}.interval", "The interval must be 1 or more.");
        }

        if (schedule.ByDay is { } byDay && byDay.Split(',', StringSplitOptions.TrimEntries)
                .Any(day => !OpeningDays.TryParseDay(day, out _)))
        {
            Fault($"{field}.byDay", $"Days are two-letter codes separated by commas ({string.Join(",", OpeningDays.DayCodes)}), optionally after an ordinal such as 1MO or -1FR.");
        }

        if (schedule.ByMonthDay is { } byMonthDay && byMonthDay.Split(',', StringSplitOptions.TrimEntries)
                .Any(day => !int.TryParse(day, out var n) || n == 0 || n is < -31 or > 31))
        {
            Fault($"{field}.byMonthDay", "Days of the month are numbers from 1 to 31 (or -1 to -31 from the end), separated by commas.");
        }

        if (schedule.Freq == "MONTHLY" && schedule.ByDay is null && schedule.ByMonthDay is null)
        {
            Fault($"{field}.byMonthDay", "A monthly schedule names the days of the month (byMonthDay) or of the week (byDay) it falls on.");
        }

        if ((schedule.OpensAt is null) != (schedule.ClosesAt is null))
        {
            Fault($"{field}.closesAt", "Give both the opening and the closing time, or neither.");
        }
        else if (schedule.OpensAt >= schedule.ClosesAt)
        {
            Fault($"{field}.closesAt", "The closing time must be after the opening time.");
        }

        DateRange(schedule.ValidFrom, schedule.ValidTo, $"{field}.validTo");
    }

    public static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text && EmailShape().IsMatch(text);

    public static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>A UK number: 0 or +44 then 9 or 10 digits, or a short national number such as 111 or 116 123.</summary>
    public static bool IsUkPhoneNumber(string text) => UkPhone().IsMatch(PhoneSeparators().Replace(text, ""));

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^(?:(?:\+44|0)\d{9,10}|1\d{2}(?:\d{3})?)$")]
    private static partial Regex UkPhone();

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex PhoneSeparators();
}
