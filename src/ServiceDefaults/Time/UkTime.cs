namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Times travel as UTC; the people using CareMesh live by UK clocks (Europe/London, with its
/// March and October changes). Dates a user sees or means ("today", "due on") are UK dates.
/// </summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToUk(clock.GetUtcNow()).DateTime);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToUk(instant).DateTime);

    /// <summary>
    /// The instant a UK wall-clock time names. A time the spring change skips (01:30 on the last
    /// Sunday of March) is taken as the same time after the change (02:30 BST); a time the autumn
    /// change repeats (01:30 on the last Sunday of October) is taken as its first occurrence (BST).
    /// </summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
            return new DateTimeOffset(local, Zone.GetUtcOffset(local));
        }

        if (Zone.IsAmbiguousTime(local))
        {
            // The larger offset is the earlier instant: summer time, before the clocks go back.
            return new DateTimeOffset(local, Zone.GetAmbiguousTimeOffsets(local).Max());
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
