namespace CareMesh.Directory.Listings;

/// <summary>Days of the week a service opens, as flags so that "open on Tuesday" is one indexed bit test.</summary>
[Flags]
public enum OpenDays : short
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    All = 127,
}

public static class OpeningDays
{
    private static readonly Dictionary<string, OpenDays> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MO"] = OpenDays.Monday,
        ["TU"] = OpenDays.Tuesday,
        ["WE"] = OpenDays.Wednesday,
        ["TH"] = OpenDays.Thursday,
        ["FR"] = OpenDays.Friday,
        ["SA"] = OpenDays.Saturday,
        ["SU"] = OpenDays.Sunday,
    };

    public static IEnumerable<string> DayCodes => Codes.Keys;

    /// <summary>
    /// The weekdays a schedule opens on. A weekly rule names them in <c>byday</c> (<c>MO,TU</c>; an
    /// ordinal like <c>1MO</c> still means a Monday); a weekly rule without <c>byday</c>, or a monthly
    /// rule by date, may fall on any day.
    /// </summary>
    public static OpenDays Of(Schedule schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule.ByDay))
        {
            return OpenDays.All;
        }

        var days = OpenDays.None;
        foreach (var part in schedule.ByDay.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParseDay(part, out var day))
            {
                days |= day;
            }
        }

        return days;
    }

    /// <summary>Reads one <c>byday</c> entry: a two-letter day code, optionally after an ordinal (<c>-1FR</c>, <c>2TU</c>).</summary>
    public static bool TryParseDay(string entry, out OpenDays day)
    {
        day = OpenDays.None;
        if (entry.Length < 2)
        {
            return false;
        }

        var ordinal = entry[..^2];
        if (ordinal.Length > 0 && !int.TryParse(ordinal, out _))
        {
            return false;
        }

        return Codes.TryGetValue(entry[^2..], out day);
    }

    public static OpenDays Of(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => OpenDays.Monday,
        DayOfWeek.Tuesday => OpenDays.Tuesday,
        DayOfWeek.Wednesday => OpenDays.Wednesday,
        DayOfWeek.Thursday => OpenDays.Thursday,
        DayOfWeek.Friday => OpenDays.Friday,
        DayOfWeek.Saturday => OpenDays.Saturday,
        _ => OpenDays.Sunday,
    };
}
