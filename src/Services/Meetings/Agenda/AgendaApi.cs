using CareMesh.Meetings.People;
using CareMesh.Meetings.Programme;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Agenda;

/// <summary>
/// A meeting's agenda: people and general items in order with their time, closed to additions at
/// the cut-off (later ones wait for the chair), and the proposals other services' events made,
/// which a coordinator confirms onto a meeting or dismisses.
/// </summary>
public static class AgendaApi
{
    public const int DefaultMinutes = 10;

    public static void MapAgendaApi(this RouteGroupBuilder meetings)
    {
        meetings.MapGet("/{id:guid}/agenda", GetAgenda).WithName(nameof(GetAgenda))
            .WithSummary("A meeting's agenda")
            .WithDescription("Items in order with their time (those declined or withdrawn at the end, marked), each person's earlier MDT discussions, and whether the agenda has closed. Every person named is audited as read.")
            .WithExamples(response: AgendaExamples.Agenda);
        meetings.MapPost("/{id:guid}/agenda", AddAgendaItem).Refuses(StatusCodes.Status409Conflict).WithName(nameof(AddAgendaItem))
            .WithSummary("Add an item")
            .WithDescription("A person (NHS number, reason, who asked, the question) or a general item, at the end of the agenda. After the cut-off (AgendaClosesAt) an addition waits for the chair's approval, unless the chair adds it. Accepts Idempotency-Key.")
            .WithExamples(AgendaExamples.NewPerson, AgendaExamples.PersonItem, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        meetings.MapPut("/{id:guid}/agenda/{itemId:guid}", ChangeAgendaItem).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(ChangeAgendaItem))
            .WithSummary("Change an item's wording or time")
            .WithDescription("Title, reason, who asked, question and minutes allotted; the person and the kind stay. Send If-Match with the item's version.")
            .WithExamples(new AgendaItemChangeRequest("Mrs Ada Lovelace: falls", "Two falls since discharge", "Dr Asha Patel", "Is a falls clinic referral needed now?", 15), AgendaExamples.PersonItem)
            .ProducesValidationProblem();
        meetings.MapPost("/{id:guid}/agenda/order", OrderAgenda).Refuses(StatusCodes.Status409Conflict).WithName(nameof(OrderAgenda))
            .WithSummary("Put the agenda in order")
            .WithDescription("Every active item's id (confirmed or awaiting approval), each once, in the order wanted.")
            .WithExamples(new AgendaOrderRequest([AgendaExamples.ItemId]), AgendaExamples.Agenda)
            .ProducesValidationProblem();
        meetings.MapPost("/{id:guid}/agenda/{itemId:guid}/approve", ApproveAgendaItem).Refuses(StatusCodes.Status409Conflict).WithName(nameof(ApproveAgendaItem))
            .WithSummary("Chair: approve a late addition")
            .WithDescription("Only the meeting's chair. The item joins the agenda.")
            .WithExamples(response: AgendaExamples.PersonItem);
        meetings.MapPost("/{id:guid}/agenda/{itemId:guid}/decline", DeclineAgendaItem).Refuses(StatusCodes.Status409Conflict).WithName(nameof(DeclineAgendaItem))
            .WithSummary("Chair: decline a late addition")
            .WithDescription("Only the meeting's chair. The item stays on record, declined; add it to a later meeting instead.")
            .WithExamples(response: AgendaExamples.PersonItem);
        meetings.MapPost("/{id:guid}/agenda/{itemId:guid}/withdraw", WithdrawAgendaItem).Refuses(StatusCodes.Status409Conflict).WithName(nameof(WithdrawAgendaItem))
            .WithSummary("Withdraw an item")
            .WithDescription("Taken off the agenda, kept on record.")
            .WithExamples(response: AgendaExamples.PersonItem);
        meetings.MapPost("/{id:guid}/agenda/from-proposal", ConfirmProposal).Refuses(StatusCodes.Status409Conflict).WithName(nameof(ConfirmProposal))
            .WithSummary("Confirm a proposal onto this meeting's agenda")
            .WithDescription("A pending proposal (from an urgent or complex referral accepted, an escalation, a care plan review due) becomes an item of this meeting, under the same cut-off rule as any addition. A proposal is confirmed once.")
            .WithExamples(new ConfirmProposalRequest(AgendaExamples.ProposalId, "Does the team agree a joint visit with the district nurse?", "Sam Jones", 10),
                AgendaExamples.PersonItem, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        meetings.MapGet("/proposals", GetProposals).WithName(nameof(GetProposals))
            .WithSummary("People proposed for an MDT, waiting for a coordinator")
            .WithDescription("Pending proposals for the caller's practice (every practice's for the PCN's own staff), oldest first. Each person named is audited as read.")
            .WithExamples(response: new[] { AgendaExamples.Proposal });
        meetings.MapPost("/proposals/{proposalId:guid}/dismiss", DismissProposal).Refuses(StatusCodes.Status409Conflict).WithName(nameof(DismissProposal))
            .WithSummary("Dismiss a proposal")
            .WithDescription("Not for an MDT, with the reason; it is not proposed again for the same event.")
            .WithExamples(new DismissProposalRequest("Already discussed at last week's practice huddle"), AgendaExamples.Proposal)
            .ProducesValidationProblem();
    }

    public static async Task<Results<Ok<AgendaResponse>, ProblemHttpResult>> GetAgenda(
        Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        return TypedResults.Ok(await AuditedAgendaAsync(meeting, context, cancellationToken));
    }

    private static async Task<AgendaResponse> AuditedAgendaAsync(MdtMeeting meeting, MeetingsContext context, CancellationToken cancellationToken)
    {
        var response = await AgendaAsync(meeting, context, cancellationToken);
        await context.AuditEachAsync("agenda-item.read", "agenda-item", response.Items.Where(i => i.NhsNumber is not null).Select(i => (i.Id, i.NhsNumber)), cancellationToken);
        return response;
    }

    /// <summary>The agenda as the API and the papers show it.</summary>
    public static async Task<AgendaResponse> AgendaAsync(MdtMeeting meeting, MeetingsContext context, CancellationToken cancellationToken) =>
        (await AgendaWithPeopleAsync(meeting, context, cancellationToken)).Agenda;

    /// <summary>The agenda, and what Meetings knows of each person on it (the papers need both).</summary>
    public static async Task<(AgendaResponse Agenda, Dictionary<string, Person> People)> AgendaWithPeopleAsync(
        MdtMeeting meeting, MeetingsContext context, CancellationToken cancellationToken)
    {
        var items = await context.Db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meeting.Id).ToListAsync(cancellationToken);
        var numbers = items.Where(i => i.NhsNumber is not null).Select(i => i.NhsNumber!).Distinct().ToList();
        var people = await context.Db.People.AsNoTracking().Where(p => numbers.Contains(p.NhsNumber)).ToDictionaryAsync(p => p.NhsNumber, cancellationToken);
        var history = await PersonHistory.LoadAsync(context.Db, numbers, meeting.StartsAt, cancellationToken);
        var ordered = items.OrderBy(i => i.IsActive ? 0 : 1).ThenBy(i => i.Position).ThenBy(i => i.AddedAt)
            .Select(i => AgendaItemResponse.From(i, i.NhsNumber is { } n ? people.GetValueOrDefault(n) : null,
                i.NhsNumber is { } number ? history.GetValueOrDefault(number) ?? [] : []))
            .ToList();
        var now = context.Now;
        return (new AgendaResponse(meeting.Id, meeting.AgendaClosesAt, now >= meeting.AgendaClosesAt, (int)meeting.Duration.TotalMinutes,
            ordered.Where(i => i.Status == AgendaItemStatus.Confirmed).Sum(i => i.MinutesAllotted), ordered), people);
    }

    public static async Task<Results<Created<AgendaItemResponse>, ProblemHttpResult>> AddAgendaItem(
        Guid id, NewAgendaItemRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        if (NotOpen(meeting) is { } closed)
        {
            return closed;
        }

        var kind = WireEnum.Parse<AgendaItemKind>(request.Kind!);
        var nhsNumber = request.NhsNumber is { } n ? CareMesh.Contracts.NhsNumber.Normalise(n) : null;
        var item = await AddAsync(meeting, context, new AgendaItem
        {
            Id = Guid.CreateVersion7(),
            MeetingId = id,
            Kind = kind,
            Title = request.Title ?? Shorten(request.Reason!),
            NhsNumber = nhsNumber,
            Reason = request.Reason,
            AskedBy = request.AskedBy ?? context.UserName,
            Question = request.Question,
            MinutesAllotted = request.MinutesAllotted!.Value,
            Source = AgendaItemSource.Added,
            AddedAt = context.Now,
            AddedByUserId = context.UserId,
            AddedAfterCutOff = context.Now >= meeting.AgendaClosesAt,
        }, cancellationToken);
        return TypedResults.Created($"/api/meetings/{id}/agenda/{item.Id}", await ItemResponseAsync(item, context, cancellationToken));
    }

    public static async Task<Results<Created<AgendaItemResponse>, ValidationProblem, ProblemHttpResult>> ConfirmProposal(
        Guid id, ConfirmProposalRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        var proposal = await context.Db.Proposals.SingleOrDefaultAsync(p => p.Id == request.ProposalId, cancellationToken);
        if (proposal is null || !CanSee(context, proposal))
        {
            context.Audit("proposal.confirm", "agenda-proposal", request.ProposalId, null, AuditOutcomes.NotFound);
            await context.Db.SaveChangesAsync(cancellationToken);
            return ServiceProblems.NotFound("proposal", request.ProposalId!.Value);
        }

        if (proposal.Status != ProposalStatus.Pending)
        {
            return ServiceProblems.Conflict($"The proposal is {WireEnum.Name(proposal.Status)}.", "A proposal is confirmed or dismissed once.",
                new Dictionary<string, object?> { ["currentStatus"] = WireEnum.Name(proposal.Status), ["agendaItemId"] = proposal.AgendaItemId });
        }

        if (NotOpen(meeting) is { } closed)
        {
            return closed;
        }

        var item = new AgendaItem
        {
            Id = Guid.CreateVersion7(),
            MeetingId = id,
            Kind = AgendaItemKind.Person,
            Title = Shorten(proposal.Reason),
            NhsNumber = proposal.NhsNumber,
            Reason = proposal.Reason,
            AskedBy = request.AskedBy ?? context.UserName,
            Question = request.Question ?? proposal.Reason,
            MinutesAllotted = request.MinutesAllotted ?? DefaultMinutes,
            Source = proposal.Source switch
            {
                ProposalSource.ReferralAccepted => AgendaItemSource.ReferralAccepted,
                ProposalSource.EscalationRaised => AgendaItemSource.EscalationRaised,
                _ => AgendaItemSource.CarePlanReviewDue,
            },
            ProposalId = proposal.Id,
            AddedAt = context.Now,
            AddedByUserId = context.UserId,
            AddedAfterCutOff = context.Now >= meeting.AgendaClosesAt,
        };
        proposal.Status = ProposalStatus.Confirmed;
        proposal.AgendaItemId = item.Id;
        proposal.DecidedByUserId = context.UserId;
        proposal.DecidedAt = context.Now;
        await AddAsync(meeting, context, item, cancellationToken);
        return TypedResults.Created($"/api/meetings/{id}/agenda/{item.Id}", await ItemResponseAsync(item, context, cancellationToken));
    }

    /// <summary>Adds an item at the end: confirmed, or awaiting the chair when the agenda has closed and the caller is not the chair.</summary>
    private static async Task<AgendaItem> AddAsync(MdtMeeting meeting, MeetingsContext context, AgendaItem item, CancellationToken cancellationToken)
    {
        item.Status = item.AddedAfterCutOff && !context.IsChairOf(meeting) ? AgendaItemStatus.AwaitingApproval : AgendaItemStatus.Confirmed;
        item.Position = await context.Db.AgendaItems.Where(i => i.MeetingId == meeting.Id).MaxAsync(i => (int?)i.Position, cancellationToken) + 1 ?? 1;
        context.Db.AgendaItems.Add(item);
        context.Audit("agenda-item.create", "agenda-item", item.Id, item.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return item;
    }

    public static async Task<Results<Ok<AgendaItemResponse>, ProblemHttpResult>> ChangeAgendaItem(
        Guid id, Guid itemId, AgendaItemChangeRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var (meeting, item) = await FindItemAsync(id, itemId, context, cancellationToken);
        if (item is null)
        {
            return ServiceProblems.NotFound("agenda item", itemId);
        }

        if (!context.Http.Request.IfMatchAllows(item.Version))
        {
            return ServiceProblems.ChangedMeanwhile("agenda item");
        }

        if (NotOpen(meeting!) is { } closed)
        {
            return closed;
        }

        if (!item.IsActive)
        {
            return ServiceProblems.Conflict($"The item is {WireEnum.Name(item.Status)}.", "Only items on the agenda can be changed.");
        }

        item.Title = request.Title!;
        item.Reason = request.Reason ?? item.Reason;
        item.AskedBy = request.AskedBy ?? item.AskedBy;
        item.Question = request.Question ?? item.Question;
        item.MinutesAllotted = request.MinutesAllotted!.Value;
        item.Version++;
        context.Audit("agenda-item.update", "agenda-item", item.Id, item.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ItemResponseAsync(item, context, cancellationToken));
    }

    public static async Task<Results<Ok<AgendaResponse>, ValidationProblem, ProblemHttpResult>> OrderAgenda(
        Guid id, AgendaOrderRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        if (NotOpen(meeting) is { } closed)
        {
            return closed;
        }

        var active = await context.Db.AgendaItems.Where(i => i.MeetingId == id &&
            (i.Status == AgendaItemStatus.Confirmed || i.Status == AgendaItemStatus.AwaitingApproval)).ToListAsync(cancellationToken);
        var ids = request.ItemIds!;
        if (ids.Distinct().Count() != ids.Count || !active.Select(i => i.Id).ToHashSet().SetEquals(ids))
        {
            return ServiceProblems.Invalid("order", "itemIds", $"Give each of the agenda's {active.Count} active items exactly once (read the agenda again if it has changed).");
        }

        foreach (var item in active)
        {
            item.Position = ids.ToList().IndexOf(item.Id) + 1;
        }

        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await AuditedAgendaAsync(meeting, context, cancellationToken));
    }

    public static Task<Results<Ok<AgendaItemResponse>, ProblemHttpResult>> ApproveAgendaItem(
        Guid id, Guid itemId, [AsParameters] MeetingsContext context, CancellationToken cancellationToken) =>
        DecideAsync(id, itemId, AgendaItemAction.Approve, context, cancellationToken);

    public static Task<Results<Ok<AgendaItemResponse>, ProblemHttpResult>> DeclineAgendaItem(
        Guid id, Guid itemId, [AsParameters] MeetingsContext context, CancellationToken cancellationToken) =>
        DecideAsync(id, itemId, AgendaItemAction.Decline, context, cancellationToken);

    public static Task<Results<Ok<AgendaItemResponse>, ProblemHttpResult>> WithdrawAgendaItem(
        Guid id, Guid itemId, [AsParameters] MeetingsContext context, CancellationToken cancellationToken) =>
        DecideAsync(id, itemId, AgendaItemAction.Withdraw, context, cancellationToken);

    private static async Task<Results<Ok<AgendaItemResponse>, ProblemHttpResult>> DecideAsync(
        Guid id, Guid itemId, AgendaItemAction action, MeetingsContext context, CancellationToken cancellationToken)
    {
        var (meeting, item) = await FindItemAsync(id, itemId, context, cancellationToken);
        if (item is null)
        {
            return ServiceProblems.NotFound("agenda item", itemId);
        }

        if (action is AgendaItemAction.Approve or AgendaItemAction.Decline && !context.IsChairOf(meeting!))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the chair decides on late additions.",
                detail: $"Additions after the agenda closed wait for the meeting's chair, {meeting!.ChairName}.");
        }

        if (NotOpen(meeting!) is { } closed)
        {
            return closed;
        }

        if (AgendaItemWorkflow.Machine.Next(item.Status, action) is not { } next)
        {
            return AgendaItemWorkflow.Machine.Refusal("agenda item", item.Status, action);
        }

        item.Status = next;
        item.DecidedByUserId = context.UserId;
        item.DecidedAt = context.Now;
        item.Version++;
        context.Audit($"agenda-item.{WireEnum.Name(action)}", "agenda-item", item.Id, item.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ItemResponseAsync(item, context, cancellationToken));
    }

    public static async Task<Ok<List<ProposalResponse>>> GetProposals([AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var query = context.Db.Proposals.AsNoTracking().Where(p => p.Status == ProposalStatus.Pending);
        if (!SeesEveryPractice(context))
        {
            var organisation = context.User.Organisation() ?? "";
            query = query.Where(p => p.PracticeOds == organisation);
        }

        var proposals = await query.OrderBy(p => p.ProposedAt).Take(500).ToListAsync(cancellationToken);
        var numbers = proposals.Select(p => p.NhsNumber).Distinct().ToList();
        var people = await context.Db.People.AsNoTracking().Where(p => numbers.Contains(p.NhsNumber)).ToDictionaryAsync(p => p.NhsNumber, cancellationToken);
        await context.AuditEachAsync("proposal.read", "agenda-proposal", proposals.Select(p => (p.Id, (string?)p.NhsNumber)), cancellationToken);
        return TypedResults.Ok(proposals.Select(p => ProposalResponse.From(p, people.GetValueOrDefault(p.NhsNumber))).ToList());
    }

    public static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> DismissProposal(
        Guid proposalId, DismissProposalRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var proposal = await context.Db.Proposals.SingleOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
        if (proposal is null || !CanSee(context, proposal))
        {
            return ServiceProblems.NotFound("proposal", proposalId);
        }

        if (proposal.Status != ProposalStatus.Pending)
        {
            return ServiceProblems.Conflict($"The proposal is {WireEnum.Name(proposal.Status)}.", "A proposal is confirmed or dismissed once.");
        }

        proposal.Status = ProposalStatus.Dismissed;
        proposal.DismissedBecause = request.Reason;
        proposal.DecidedByUserId = context.UserId;
        proposal.DecidedAt = context.Now;
        context.Audit("proposal.dismiss", "agenda-proposal", proposal.Id, proposal.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ProposalResponse.From(proposal, await context.Db.People.AsNoTracking().SingleOrDefaultAsync(p => p.NhsNumber == proposal.NhsNumber, cancellationToken)));
    }

    private static bool SeesEveryPractice(MeetingsContext context) =>
        context.Options.PcnOdsCode is { } pcn && string.Equals(context.User.Organisation(), pcn, StringComparison.OrdinalIgnoreCase);

    private static bool CanSee(MeetingsContext context, AgendaProposal proposal) =>
        SeesEveryPractice(context) || string.Equals(proposal.PracticeOds, context.User.Organisation(), StringComparison.OrdinalIgnoreCase);

    /// <summary>An agenda changes only while its meeting is still to be held.</summary>
    internal static ProblemHttpResult? NotOpen(MdtMeeting meeting) => meeting.Status == MeetingStatus.Scheduled ? null
        : ServiceProblems.Conflict($"The meeting is {WireEnum.Name(meeting.Status)}.", "Its agenda can no longer change.",
            new Dictionary<string, object?> { ["meetingStatus"] = WireEnum.Name(meeting.Status) });

    private static async Task<(MdtMeeting? Meeting, AgendaItem? Item)> FindItemAsync(Guid id, Guid itemId, MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        var item = meeting is null ? null : await context.Db.AgendaItems.SingleOrDefaultAsync(i => i.Id == itemId && i.MeetingId == id, cancellationToken);
        return (meeting, item);
    }

    private static async Task<AgendaItemResponse> ItemResponseAsync(AgendaItem item, MeetingsContext context, CancellationToken cancellationToken)
    {
        context.Http.Response.TagVersion(item.Version);
        var person = item.NhsNumber is null ? null : await context.Db.People.AsNoTracking().SingleOrDefaultAsync(p => p.NhsNumber == item.NhsNumber, cancellationToken);
        return AgendaItemResponse.From(item, person, []);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}

public sealed record AgendaResponse(
    Guid MeetingId,
    DateTimeOffset AgendaClosesAt,
    bool Closed,
    int MeetingMinutes,
    int MinutesAllotted,
    IReadOnlyList<AgendaItemResponse> Items);

public sealed record AgendaItemResponse(
    Guid Id,
    int Position,
    AgendaItemKind Kind,
    string Title,
    string? NhsNumber,
    string? PersonName,
    string? Reason,
    string? AskedBy,
    string? Question,
    int MinutesAllotted,
    AgendaItemStatus Status,
    AgendaItemSource Source,
    bool AddedAfterCutOff,
    Guid? CarriedFromItemId,
    DateTimeOffset AddedAt,
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<HistoryEntry> History,
    int Version)
{
    public static AgendaItemResponse From(AgendaItem i, Person? person, IReadOnlyList<HistoryEntry> history) => new(
        i.Id, i.Position, i.Kind, i.Title, i.NhsNumber, person?.DisplayName, i.Reason, i.AskedBy, i.Question, i.MinutesAllotted, i.Status, i.Source,
        i.AddedAfterCutOff, i.CarriedFromItemId, i.AddedAt, [.. AgendaItemWorkflow.Machine.ActionsFrom(i.Status).Select(a => WireEnum.Name(a))], history, i.Version);
}

public sealed record ProposalResponse(
    Guid Id,
    ProposalSource Source,
    string NhsNumber,
    string? PersonName,
    string PracticeOds,
    string Reason,
    IReadOnlyList<string> Flags,
    DateTimeOffset ProposedAt,
    ProposalStatus Status,
    Guid? AgendaItemId)
{
    public static ProposalResponse From(AgendaProposal p, Person? person) =>
        new(p.Id, p.Source, p.NhsNumber, person?.DisplayName, p.PracticeOds, p.Reason, p.Flags, p.ProposedAt, p.Status, p.AgendaItemId);
}
