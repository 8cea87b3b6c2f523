namespace CareMesh.Meetings.Programme;

public enum RecurrenceFrequency
{
    /// <summary>Every <c>Interval</c> weeks on a day of the week ("every second Tuesday").</summary>
    Weekly,

    /// <summary>Every <c>Interval</c> months on the nth (or last) day of the week ("the first Thursday of the month").</summary>
    Monthly,
}

public enum WeekOfMonth
{
    First,
    Second,
    Third,
    Fourth,
    Last,
}

/// <summary>
/// When a series meets, in UK dates: the rule yields dates only, and each date's wall-clock time
/// becomes an instant through <see cref="UkTime.At"/>, so a 09:30 meeting stays at 09:30 in London
/// on both sides of the March and October changes. Computed here rather than by an iCalendar
/// library, whose own expansion gets the repeated autumn hour wrong (docs/meetings.md).
/// </summary>
public sealed record Recurrence(RecurrenceFrequency Frequency, int Interval, DayOfWeek Day, WeekOfMonth? Week = null)
{
    public const int MaxInterval = 12;

    /// <summary>The dates the rule names from <paramref name="startsOn"/> to <paramref name="through"/> (both included).</summary>
    public IEnumerable<DateOnly> Dates(DateOnly startsOn, DateOnly through)
    {
        if (Frequency == RecurrenceFrequency.Weekly)
        {
            var first = startsOn.AddDays(((int)Day - (int)startsOn.DayOfWeek + 7) % 7);
            for (var date = first; date <= through; date = date.AddDays(7 * Interval))
            {
                yield return date;
            }

            yield break;
        }

        for (var month = new DateOnly(startsOn.Year, startsOn.Month, 1); month <= through; month = month.AddMonths(Interval))
        {
            var date = InMonth(month.Year, month.Month);
            if (date >= startsOn && date <= through)
            {
                yield return date;
            }
        }
    }

    /// <summary>The rule's day in a month: the nth such weekday, or the last one (the fourth or the fifth).</summary>
    public DateOnly InMonth(int year, int month)
    {
        if (Week == WeekOfMonth.Last)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)Day + 7) % 7));
        }

        var firstOfMonth = new DateOnly(year, month, 1);
        var first = firstOfMonth.AddDays(((int)Day - (int)firstOfMonth.DayOfWeek + 7) % 7);
        return first.AddDays(7 * (int)(Week ?? WeekOfMonth.First));
    }

    /// <summary>In words, for people: "every 2 weeks on Tuesday", "the last Sunday of every month".</summary>
    public string Describe() => Frequency == RecurrenceFrequency.Weekly
        ? Interval == 1 ? $"every {Day}" : $"every {Interval} weeks on {Day}"
        : $"the {WireEnum.Name(Week ?? WeekOfMonth.First)} {Day} of {(Interval == 1 ? "every month" : $"every {Interval} months")}";
}
