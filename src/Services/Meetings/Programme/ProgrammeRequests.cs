using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CareMesh.Meetings.Programme;

/// <summary>A UK wall-clock time, hh:mm (24-hour).</summary>
public sealed class ClockTimeAttribute : RegularExpressionAttribute
{
    public ClockTimeAttribute() : base("^([01][0-9]|2[0-3]):[0-5][0-9]$") => ErrorMessage = "The {0} must be a 24-hour time, hh:mm, such as 09:30.";

    public static TimeOnly Parse(string value) => TimeOnly.ParseExact(value, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A video link: an https address.</summary>
public sealed class HttpsLinkAttribute : RegularExpressionAttribute
{
    public HttpsLinkAttribute() : base(@"^https://[^\s]+$") => ErrorMessage = "The {0} must be an https:// address.";
}

public sealed record PersonRequest(
    [property: Required, Text(200)] [Display(Name = "user id")] string? UserId,
    [property: Required, Text(200)] [Display(Name = "name")] string? Name);

public sealed record CoreMemberRequest(
    [property: Required, OneOf<MdtRole>] [Display(Name = "role")] string? Role,
    [property: Required, Text(200)] [Display(Name = "organisation")] string? Organisation,
    [property: Text(200)] [Display(Name = "user id")] string? UserId,
    [property: Text(200)] [Display(Name = "name")] string? Name)
{
    public CoreMember ToMember() => new(WireEnum.Parse<MdtRole>(Role!), Organisation!, UserId, Name);
}

public sealed record QuorumRequest(
    [property: Items(20), OneOf<MdtRole>, Description("Roles of which at least one person must be present.")] [Display(Name = "required roles")] IReadOnlyList<string>? RequiredRoles,
    [property: Range(0, 100)] [Display(Name = "minimum present")] int? MinimumPresent)
{
    public QuorumRule ToRule() => new([.. (RequiredRoles ?? []).Select(WireEnum.Parse<MdtRole>).Distinct()], MinimumPresent ?? 0);
}

public sealed record RecurrenceRequest(
    [property: Required, OneOf<RecurrenceFrequency>] [Display(Name = "frequency")] string? Frequency,
    [property: Range(1, Recurrence.MaxInterval), Description("Every this many weeks or months (default 1).")] [Display(Name = "interval")] int? Interval,
    [property: Required, OneOf<DayOfWeek>] [Display(Name = "day")] string? Day,
    [property: OneOf<WeekOfMonth>, Description("Monthly only: which of the month's such days.")] [Display(Name = "week of the month")] string? Week) : IValidatableObject
{
    public Recurrence ToRecurrence() => new(
        WireEnum.Parse<RecurrenceFrequency>(Frequency!), Interval ?? 1, WireEnum.Parse<DayOfWeek>(Day!), Week is null ? null : WireEnum.Parse<WeekOfMonth>(Week));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var monthly = WireEnum.TryParse<RecurrenceFrequency>(Frequency, out var frequency) && frequency == RecurrenceFrequency.Monthly;
        if (monthly && Week is null)
        {
            yield return new ValidationResult("A monthly meeting needs the week of the month (first, second, third, fourth or last).", [nameof(Week)]);
        }

        if (!monthly && Week is not null)
        {
            yield return new ValidationResult("The week of the month is for monthly meetings only.", [nameof(Week)]);
        }
    }
}

/// <summary>The body of <c>POST /api/meeting-series</c> and <c>PUT /api/meeting-series/{id}</c>.</summary>
public sealed record SeriesRequest(
    [property: Required, OneOf<MeetingKind>] [Display(Name = "kind")] string? Kind,
    [property: Required, Text(MeetingSeries.MaxTitleLength)] [Display(Name = "title")] string? Title,
    [property: Required, OneOf<MeetingScope>] [Display(Name = "scope")] string? Scope,
    [property: Required, OdsCode, Description("The practice's ODS code, or the PCN's for a whole-PCN series.")] [Display(Name = "organisation")] string? Organisation,
    [property: Required] [Display(Name = "chair")] PersonRequest? Chair,
    [property: Required] [Display(Name = "recurrence")] RecurrenceRequest? Recurrence,
    [property: Required, ClockTime, Description("UK local time, hh:mm: kept across the clock changes.")] [Display(Name = "start time")] string? StartTime,
    [property: Required, Range(5, 480)] [Display(Name = "duration in minutes")] int? DurationMinutes,
    [property: Required, Description("yyyy-mm-dd: the first date the rule may fall on.")] [Display(Name = "first date")] DateOnly? StartsOn,
    [property: Description("yyyy-mm-dd: no meetings after this date.")] [Display(Name = "last date")] DateOnly? EndsOn,
    [property: Text(MeetingSeries.MaxPlaceLength)] [Display(Name = "location")] string? Location,
    [property: Text(MeetingSeries.MaxLinkLength), HttpsLink] [Display(Name = "video link")] string? VideoLink,
    [property: Items(50)] [Display(Name = "core members")] IReadOnlyList<CoreMemberRequest>? CoreMembers,
    [Display(Name = "quorum")] QuorumRequest? Quorum,
    [property: Range(0, 10), Description("Default 2.")] [Display(Name = "agenda cut-off in working days")] int? AgendaCutOffWorkingDays,
    [property: Range(0, 336), Description("Default 24.")] [Display(Name = "papers deadline in hours")] int? PapersDeadlineHours) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EndsOn < StartsOn)
        {
            yield return new ValidationResult("The last date cannot be before the first date.", [nameof(EndsOn)]);
        }

        if (Location is null && VideoLink is null)
        {
            yield return new ValidationResult("Give a location, a video link or both.", [nameof(Location)]);
        }
    }

    public void ApplyTo(MeetingSeries series, MeetingsOptions options)
    {
        var recurrence = Recurrence!.ToRecurrence();
        series.Kind = WireEnum.Parse<MeetingKind>(Kind!);
        series.Title = Title!;
        series.Scope = WireEnum.Parse<MeetingScope>(Scope!);
        series.Organisation = Organisation!.ToUpperInvariant();
        series.ChairUserId = Chair!.UserId!;
        series.ChairName = Chair.Name!;
        series.Frequency = recurrence.Frequency;
        series.Interval = recurrence.Interval;
        series.Day = recurrence.Day;
        series.Week = recurrence.Week;
        series.StartTime = ClockTimeAttribute.Parse(StartTime!);
        series.DurationMinutes = DurationMinutes!.Value;
        series.StartsOn = StartsOn!.Value;
        series.EndsOn = EndsOn;
        series.Location = Location;
        series.VideoLink = VideoLink;
        series.CoreMembers = [.. (CoreMembers ?? []).Select(m => m.ToMember())];
        series.Quorum = Quorum?.ToRule() ?? QuorumRule.None;
        series.AgendaCutOffWorkingDays = AgendaCutOffWorkingDays ?? options.AgendaCutOffWorkingDays;
        series.PapersDeadlineHours = PapersDeadlineHours ?? options.PapersDeadlineHours;
    }
}

/// <summary>The body of <c>POST /api/meetings</c>: a meeting outside any series.</summary>
public sealed record NewMeetingRequest(
    [property: Required, OneOf<MeetingKind>] [Display(Name = "kind")] string? Kind,
    [property: Required, Text(MeetingSeries.MaxTitleLength)] [Display(Name = "title")] string? Title,
    [property: Required, OneOf<MeetingScope>] [Display(Name = "scope")] string? Scope,
    [property: Required, OdsCode] [Display(Name = "organisation")] string? Organisation,
    [property: Required] [Display(Name = "chair")] PersonRequest? Chair,
    [property: Required, Description("yyyy-mm-dd, UK date.")] [Display(Name = "date")] DateOnly? Date,
    [property: Required, ClockTime] [Display(Name = "start time")] string? StartTime,
    [property: Required, Range(5, 480)] [Display(Name = "duration in minutes")] int? DurationMinutes,
    [property: Text(MeetingSeries.MaxPlaceLength)] [Display(Name = "location")] string? Location,
    [property: Text(MeetingSeries.MaxLinkLength), HttpsLink] [Display(Name = "video link")] string? VideoLink,
    [property: Items(50)] [Display(Name = "core members")] IReadOnlyList<CoreMemberRequest>? CoreMembers,
    [Display(Name = "quorum")] QuorumRequest? Quorum,
    [property: Range(0, 10)] [Display(Name = "agenda cut-off in working days")] int? AgendaCutOffWorkingDays,
    [property: Range(0, 336)] [Display(Name = "papers deadline in hours")] int? PapersDeadlineHours) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Location is null && VideoLink is null)
        {
            yield return new ValidationResult("Give a location, a video link or both.", [nameof(Location)]);
        }
    }
}

/// <summary>The body of <c>POST /api/meetings/{id}/move</c>: one meeting to another time (or place), the series untouched.</summary>
public sealed record MoveMeetingRequest(
    [property: Required, Description("yyyy-mm-dd, UK date.")] [Display(Name = "date")] DateOnly? Date,
    [property: Required, ClockTime] [Display(Name = "start time")] string? StartTime,
    [property: Range(5, 480)] [Display(Name = "duration in minutes")] int? DurationMinutes,
    [property: Text(MeetingSeries.MaxPlaceLength)] [Display(Name = "location")] string? Location,
    [property: Text(MeetingSeries.MaxLinkLength), HttpsLink] [Display(Name = "video link")] string? VideoLink,
    [property: Required, Text(500)] [Display(Name = "reason")] string? Reason);

/// <summary>Why a meeting is cancelled or reinstated.</summary>
public sealed record ReasonRequest([property: Required, Text(500)] [Display(Name = "reason")] string? Reason);
