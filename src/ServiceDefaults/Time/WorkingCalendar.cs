using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>WorkingTime</c>: the PCN team's working day, for deadlines counted in working hours or days
/// (an escalation acknowledged within 4 working hours, an agenda closing 2 working days before).
/// </summary>
public sealed class WorkingTimeOptions
{
    public const string Section = "WorkingTime";

    public TimeOnly DayStarts { get; set; } = new(8, 0);
    public TimeOnly DayEnds { get; set; } = new(18, 30);
    public DayOfWeek[] WorkingDays { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Days off besides weekends; by default England and Wales bank holidays (<see cref="EnglandBankHolidays"/>).</summary>
    public DateOnly[]? Holidays { get; set; }

    /// <summary>England and Wales bank holidays, 2026 to 2028, from https://www.gov.uk/bank-holidays (substitute days included).</summary>
    public static readonly DateOnly[] EnglandBankHolidays =
    [
        new(2026, 1, 1), new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 4), new(2026, 5, 25), new(2026, 8, 31), new(2026, 12, 25), new(2026, 12, 28),
        new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29), new(2027, 5, 3), new(2027, 5, 31), new(2027, 8, 30), new(2027, 12, 27), new(2027, 12, 28),
        new(2028, 1, 3), new(2028, 4, 14), new(2028, 4, 17), new(2028, 5, 1), new(2028, 5, 29), new(2028, 8, 28), new(2028, 12, 25), new(2028, 12, 26),
    ];
}

/// <summary>Counts working hours and days in UK time, skipping weekends and holidays.</summary>
public sealed class WorkingCalendar(IOptions<WorkingTimeOptions> options)
{
    private readonly WorkingTimeOptions _options = options.Value;
    private readonly HashSet<DateOnly> _holidays = [.. options.Value.Holidays ?? WorkingTimeOptions.EnglandBankHolidays];

    public bool IsWorkingDay(DateOnly date) => _options.WorkingDays.Contains(date.DayOfWeek) && !_holidays.Contains(date);

    /// <summary>
    /// The instant <paramref name="hours"/> working hours after <paramref name="start"/>. Time outside
    /// the working day does not count: raised on Friday at 17:00 with four hours to go, it is due on
    /// Monday at 10:30 (a 08:00–18:30 day).
    /// </summary>
    public DateTimeOffset AddWorkingHours(DateTimeOffset start, TimeSpan hours)
    {
        var remaining = hours;
        var local = UkTime.ToUk(start);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        while (true)
        {
            if (IsWorkingDay(date) && time < _options.DayEnds)
            {
                var from = time < _options.DayStarts ? _options.DayStarts : time;
                var available = _options.DayEnds - from;
                if (remaining <= available)
                {
                    return UkTime.At(date, from.Add(remaining));
                }

                remaining -= available;
            }

            date = date.AddDays(1);
            time = TimeOnly.MinValue;
        }
    }

    /// <summary>The working day <paramref name="days"/> working days before <paramref name="date"/> (the date itself not counted).</summary>
    public DateOnly WorkingDaysBefore(DateOnly date, int days)
    {
        var result = date;
        for (var counted = 0; counted < days;)
        {
            result = result.AddDays(-1);
            if (IsWorkingDay(result))
            {
                counted++;
            }
        }

        return result;
    }

    /// <summary>The instant the working day starts on <paramref name="date"/>, in UK time.</summary>
    public DateTimeOffset DayStartOn(DateOnly date) => UkTime.At(date, _options.DayStarts);
}
