using System.ComponentModel.DataAnnotations;
using CareMesh.Contracts.Meetings;
using CareMesh.Meetings.Agenda;
using CareMesh.Meetings.Attendance;
using CareMesh.Meetings.People;
using CareMesh.Meetings.Programme;
using CareMesh.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Minutes;

/// <summary>
/// Minutes per agenda item, taken live as drafts, then finalised and locked: a final minute is
/// never edited (the database refuses it too), corrections are addenda beside it. Closing the
/// meeting records it as held and carries forward the people not reached or still open.
/// </summary>
public static class MinutesApi
{
    public static void MapMinutesApi(this RouteGroupBuilder meetings)
    {
        meetings.MapGet("/{id:guid}/minutes", GetMinutes).WithName(nameof(GetMinutes))
            .WithSummary("A meeting's minutes, item by item")
            .WithDescription("Every item on the agenda with its minute (null until one is written) and the minute's addenda. Every person named is audited as read.")
            .WithExamples(response: MinutesExamples.Minutes);
        meetings.MapPut("/{id:guid}/minutes/{itemId:guid}", WriteMinute).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(WriteMinute))
            .WithSummary("Write an item's minute (draft)")
            .WithDescription("Situation, discussion, decisions (each a kind and a line, so they reach the person's plan as data), next steps and the item's outcome (discussed, still-open, not-reached). Creates the draft or replaces it; a final minute is locked (409: add an addendum). Send If-Match with the minute's version when changing one.")
            .WithExamples(MinutesExamples.Write, MinutesExamples.Minute)
            .ProducesValidationProblem();
        meetings.MapPost("/{id:guid}/minutes/{itemId:guid}/finalise", FinaliseMinute).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(FinaliseMinute))
            .WithSummary("Finalise an item's minute")
            .WithDescription("Locks it. For a person discussed, publishes PatientDiscussedAtMdt with the decisions and next steps, for their care plan. Send If-Match with the minute's version.")
            .WithExamples(response: MinutesExamples.Minute);
        meetings.MapPost("/{id:guid}/minutes/{itemId:guid}/addenda", AddAddendum).Refuses(StatusCodes.Status409Conflict).WithName(nameof(AddAddendum))
            .WithSummary("Add an addendum to a final minute")
            .WithDescription("A correction or addition, kept beside the minute with who wrote it and when; the minute itself never changes.")
            .WithExamples(new AddendumRequest("Correction: the falls clinic referral goes to St James's, not the LGI."), MinutesExamples.Minute, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        meetings.MapPost("/{id:guid}/close", CloseMeeting).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(CloseMeeting))
            .WithSummary("Close the meeting: record it as held")
            .WithDescription("Every item's minute must be final (items with no minute at all are recorded as not reached). Records whether the quorum was met, publishes MdtMeetingHeld, and carries the people not reached or still open onto the series' next meeting with their history. Send If-Match with the meeting's version.")
            .WithExamples(response: MinutesExamples.Closed);
    }

    public static async Task<Results<Ok<List<ItemMinuteResponse>>, ProblemHttpResult>> GetMinutes(
        Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        var items = await context.Db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == id && i.Status == AgendaItemStatus.Confirmed)
            .OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var minutes = await context.Db.Minutes.AsNoTracking().Include(m => m.Addenda).Where(m => m.MeetingId == id).ToDictionaryAsync(m => m.AgendaItemId, cancellationToken);
        await context.AuditEachAsync("minute.read", "agenda-item", items.Where(i => i.NhsNumber is not null).Select(i => (i.Id, i.NhsNumber)), cancellationToken);
        return TypedResults.Ok(items.Select(i => new ItemMinuteResponse(i.Id, i.Position, i.Kind, i.Title, i.NhsNumber,
            minutes.TryGetValue(i.Id, out var minute) ? MinuteResponse.From(minute) : null)).ToList());
    }

    public static async Task<Results<Ok<MinuteResponse>, ProblemHttpResult>> WriteMinute(
        Guid id, Guid itemId, MinuteRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var (meeting, item) = await FindItemAsync(id, itemId, context, cancellationToken);
        if (item is null)
        {
            return ServiceProblems.NotFound("agenda item", itemId);
        }

        if (AgendaApi.NotOpen(meeting!) is { } closed)
        {
            return closed;
        }

        var minute = await context.Db.Minutes.SingleOrDefaultAsync(m => m.AgendaItemId == itemId, cancellationToken);
        if (minute is not null && !context.Http.Request.IfMatchAllows(minute.Version))
        {
            return ServiceProblems.ChangedMeanwhile("minute");
        }

        if (minute?.Status == MinuteStatus.Final)
        {
            return Locked();
        }

        if (minute is null)
        {
            minute = new Minute { Id = Guid.CreateVersion7(), MeetingId = id, AgendaItemId = itemId, WrittenByUserId = context.UserId };
            context.Db.Minutes.Add(minute);
        }
        else
        {
            minute.Version++;
        }

        minute.Situation = request.Situation;
        minute.Discussion = request.Discussion;
        minute.Decisions = [.. (request.Decisions ?? []).Select(d => new Decision(WireEnum.Parse<DecisionKind>(d.Kind!), d.Text!))];
        minute.NextSteps = request.NextSteps;
        minute.Outcome = WireEnum.Parse<ItemOutcome>(request.Outcome!);
        minute.WrittenByUserId = context.UserId;
        minute.UpdatedAt = context.Now;
        context.Audit("minute.write", "agenda-item", item.Id, item.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(minute.Version);
        return TypedResults.Ok(MinuteResponse.From(minute));
    }

    public static async Task<Results<Ok<MinuteResponse>, ProblemHttpResult>> FinaliseMinute(
        Guid id, Guid itemId, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var (meeting, item) = await FindItemAsync(id, itemId, context, cancellationToken);
        var minute = item is null ? null : await context.Db.Minutes.Include(m => m.Addenda).SingleOrDefaultAsync(m => m.AgendaItemId == itemId, cancellationToken);
        if (minute is null)
        {
            return ServiceProblems.NotFound("minute", itemId);
        }

        if (!context.Http.Request.IfMatchAllows(minute.Version))
        {
            return ServiceProblems.ChangedMeanwhile("minute");
        }

        if (minute.Status == MinuteStatus.Final)
        {
            return Locked();
        }

        if (AgendaApi.NotOpen(meeting!) is { } closed)
        {
            return closed;
        }

        Finalise(minute, context);
        if (item!.NhsNumber is { } nhsNumber && minute.Outcome != ItemOutcome.NotReached)
        {
            context.Db.AddIntegrationEvent(new PatientDiscussedAtMdt(id, item.Id, nhsNumber, meeting!.StartsAt,
                [.. minute.Decisions.Select(Describe)], minute.NextSteps), context.Clock);
        }

        context.Audit("minute.finalise", "agenda-item", item.Id, item.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(minute.Version);
        return TypedResults.Ok(MinuteResponse.From(minute));
    }

    public static async Task<Results<Created<MinuteResponse>, ProblemHttpResult>> AddAddendum(
        Guid id, Guid itemId, AddendumRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var (_, item) = await FindItemAsync(id, itemId, context, cancellationToken);
        var minute = item is null ? null : await context.Db.Minutes.Include(m => m.Addenda).SingleOrDefaultAsync(m => m.AgendaItemId == itemId, cancellationToken);
        if (minute is null)
        {
            return ServiceProblems.NotFound("minute", itemId);
        }

        if (minute.Status != MinuteStatus.Final)
        {
            return ServiceProblems.Conflict("The minute is still a draft.", "Change the draft itself; addenda are for final minutes.");
        }

        var addendum = new MinuteAddendum
        {
            Id = Guid.CreateVersion7(),
            MinuteId = minute.Id,
            Text = request.Text!,
            AddedByUserId = context.UserId,
            AddedByName = context.UserName,
            AddedAt = context.Now,
        };
        context.Db.Addenda.Add(addendum);
        context.Audit("minute.addendum", "agenda-item", item!.Id, item.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/meetings/{id}/minutes/{itemId}", MinuteResponse.From(minute));
    }

    public static async Task<Results<Ok<CloseResponse>, ProblemHttpResult>> CloseMeeting(
        Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        if (!context.Http.Request.IfMatchAllows(meeting.Version))
        {
            return ServiceProblems.ChangedMeanwhile("meeting");
        }

        if (MeetingWorkflow.Machine.Next(meeting.Status, MeetingAction.Close) is not { } held)
        {
            return MeetingWorkflow.Machine.Refusal("meeting", meeting.Status, MeetingAction.Close);
        }

        var items = await context.Db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == id && i.Status == AgendaItemStatus.Confirmed).ToListAsync(cancellationToken);
        var minutes = await context.Db.Minutes.Where(m => m.MeetingId == id).ToDictionaryAsync(m => m.AgendaItemId, cancellationToken);
        var drafts = items.Where(i => minutes.TryGetValue(i.Id, out var m) && m.Status == MinuteStatus.Draft).Select(i => i.Id).ToList();
        if (drafts.Count > 0)
        {
            return ServiceProblems.Conflict("Some minutes are still drafts.", "Finalise every item's minute before closing the meeting.",
                new Dictionary<string, object?> { ["draftItemIds"] = drafts });
        }

        foreach (var item in items.Where(i => !minutes.ContainsKey(i.Id)))
        {
            var minute = new Minute { Id = Guid.CreateVersion7(), MeetingId = id, AgendaItemId = item.Id, WrittenByUserId = context.UserId, Outcome = ItemOutcome.NotReached };
            Finalise(minute, context);
            context.Db.Minutes.Add(minute);
            minutes[item.Id] = minute;
        }

        var attendees = await context.Db.Attendees.AsNoTracking().Where(a => a.MeetingId == id).ToListAsync(cancellationToken);
        meeting.QuorumMet = AttendanceApi.Assess(meeting, attendees).Met;
        meeting.Status = held;
        meeting.HeldAt = context.Now;
        meeting.Version++;
        var outcomes = minutes.ToDictionary(m => m.Key, m => m.Value.Outcome);
        var discussed = items.Count(i => i.NhsNumber is not null && outcomes[i.Id] != ItemOutcome.NotReached);
        context.Db.AddIntegrationEvent(new MdtMeetingHeld(meeting.Id, meeting.SeriesId, WireEnum.Name(meeting.Kind), meeting.StartsAt,
            meeting.QuorumMet.Value, discussed, meeting.HeldAt.Value), context.Clock);
        var (next, carried) = await CarryForward.ApplyAsync(context.Db, meeting, outcomes, context.Clock, cancellationToken);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(meeting.Version);
        return TypedResults.Ok(new CloseResponse(MeetingResponse.From(meeting, context.Now), discussed, carried, next?.Id));
    }

    private static void Finalise(Minute minute, MeetingsContext context)
    {
        minute.Status = MinuteStatus.Final;
        minute.FinalisedAt = context.Now;
        minute.FinalisedByUserId = context.UserId;
        minute.UpdatedAt = context.Now;
        minute.Version++;
    }

    /// <summary>A decision as the person's plan shows it: "Refer on: Leeds Mind befriending".</summary>
    public static string Describe(Decision decision)
    {
        var kind = WireEnum.Name(decision.Kind).Replace('-', ' ');
        return $"{char.ToUpperInvariant(kind[0])}{kind[1..]}: {decision.Text}";
    }

    private static ProblemHttpResult Locked() =>
        ServiceProblems.Conflict("The minute is final.", "A final minute is locked: add an addendum to correct or add to it.",
            new Dictionary<string, object?> { ["currentStatus"] = "final" });

    private static async Task<(MdtMeeting? Meeting, AgendaItem? Item)> FindItemAsync(Guid id, Guid itemId, MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        var item = meeting is null ? null : await context.Db.AgendaItems.AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == itemId && i.MeetingId == id && i.Status == AgendaItemStatus.Confirmed, cancellationToken);
        return (meeting, item);
    }
}

public sealed record DecisionRequest(
    [property: Required, OneOf<DecisionKind>] [Display(Name = "kind")] string? Kind,
    [property: Required, Text(500)] [Display(Name = "decision")] string? Text);

/// <summary>The body of <c>PUT /api/meetings/{id}/minutes/{itemId}</c>.</summary>
public sealed record MinuteRequest(
    [property: Text(Minute.MaxTextLength)] [Display(Name = "situation")] string? Situation,
    [property: Text(Minute.MaxTextLength)] [Display(Name = "discussion")] string? Discussion,
    [property: Items(20)] [Display(Name = "decisions")] IReadOnlyList<DecisionRequest>? Decisions,
    [property: Text(Minute.MaxTextLength)] [Display(Name = "next steps")] string? NextSteps,
    [property: Required, OneOf<ItemOutcome>] [Display(Name = "outcome")] string? Outcome);

public sealed record AddendumRequest([property: Required, Text(Minute.MaxTextLength)] [Display(Name = "text")] string? Text);

public sealed record AddendumResponse(Guid Id, string Text, string AddedByUserId, string AddedByName, DateTimeOffset AddedAt);

public sealed record MinuteResponse(
    Guid Id,
    Guid AgendaItemId,
    string? Situation,
    string? Discussion,
    IReadOnlyList<Decision> Decisions,
    string? NextSteps,
    ItemOutcome Outcome,
    MinuteStatus Status,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinalisedAt,
    string? FinalisedByUserId,
    IReadOnlyList<AddendumResponse> Addenda,
    int Version)
{
    public static MinuteResponse From(Minute m) => new(m.Id, m.AgendaItemId, m.Situation, m.Discussion, m.Decisions, m.NextSteps, m.Outcome, m.Status,
        m.UpdatedAt, m.FinalisedAt, m.FinalisedByUserId,
        [.. m.Addenda.OrderBy(a => a.AddedAt).Select(a => new AddendumResponse(a.Id, a.Text, a.AddedByUserId, a.AddedByName, a.AddedAt))], m.Version);
}

public sealed record ItemMinuteResponse(Guid AgendaItemId, int Position, AgendaItemKind Kind, string Title, string? NhsNumber, MinuteResponse? Minute);

public sealed record CloseResponse(MeetingResponse Meeting, int PeopleDiscussed, int CarriedForward, Guid? NextMeetingId);

internal static class MinutesExamples
{
    private static readonly Guid ItemId = Guid.Parse("0193a1b2-7c00-7000-8000-000000000010");

    public static readonly MinuteRequest Write = new(
        "Two falls since discharge on 2 March; lives alone; daughter visits weekly.",
        "District nurse has seen her twice; GP reviewed medication. Team agreed falls risk is rising.",
        [new DecisionRequest("refer-on", "Falls clinic, St James's"), new DecisionRequest("medication-review", "Pharmacist to review sedatives")],
        "Care coordinator to call her daughter this week.", "discussed");

    public static readonly MinuteResponse Minute = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000030"), ItemId, Write.Situation, Write.Discussion,
        [new Decision(DecisionKind.ReferOn, "Falls clinic, St James's"), new Decision(DecisionKind.MedicationReview, "Pharmacist to review sedatives")],
        Write.NextSteps, ItemOutcome.Discussed, MinuteStatus.Draft, new DateTimeOffset(2026, 3, 31, 9, 0, 0, TimeSpan.Zero), null, null, [], 1);

    public static readonly List<ItemMinuteResponse> Minutes = [new(ItemId, 1, AgendaItemKind.Person, "Falls since discharge", "9434765919", Minute)];

    public static readonly CloseResponse Closed = new(ProgrammeExamples.Meeting, 6, 2, Guid.Parse("0193a1b2-7c00-7000-8000-000000000003"));
}
