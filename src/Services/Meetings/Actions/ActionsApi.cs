using CareMesh.Contracts.Meetings;
using CareMesh.Meetings.Agenda;
using CareMesh.Meetings.Programme;
using CareMesh.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Actions;

/// <summary>MDT actions: agreed at a meeting, owned, updated until done, chased when overdue.</summary>
public static class ActionsApi
{
    public const int PageLimit = 500;

    public static void MapMeetingActionsApi(this RouteGroupBuilder meetings)
    {
        meetings.MapGet("/{id:guid}/actions", GetMeetingActions).WithName(nameof(GetMeetingActions))
            .WithSummary("A meeting's action log")
            .WithDescription("Every action agreed at the meeting, with its updates and chases, in the order agreed. Each person named is audited as read.")
            .WithExamples(response: new[] { ActionExamples.Action });
        meetings.MapPost("/{id:guid}/actions", AssignAction).Refuses(StatusCodes.Status409Conflict).WithName(nameof(AssignAction))
            .WithSummary("Record an action agreed at the meeting")
            .WithDescription("An owner (a team member or an organisation), a due date, and optionally the agenda item (and so the person) it belongs to. Publishes MdtActionAssigned. Accepts Idempotency-Key.")
            .WithExamples(ActionExamples.New, ActionExamples.Action, StatusCodes.Status201Created)
            .ProducesValidationProblem();
    }

    public static IEndpointRouteBuilder MapActionsApi(this IEndpointRouteBuilder app)
    {
        var actions = app.MapGroup("/api/actions").WithTags("MDT actions").RequireAuthorization(CareMeshPolicies.Staff).WithIdempotency();
        actions.MapGet("/mine", GetMyActions).WithName(nameof(GetMyActions))
            .WithSummary("My actions")
            .WithDescription("Actions the caller owns, soonest due first: open and in progress by default; status= one of open, in-progress, done, cancelled; overdue=true for those past their due date (UK today) and not done. Each person named is audited as read.")
            .WithExamples(response: new[] { ActionExamples.Action });
        actions.MapGet("/overdue", GetOverdueActions).WithName(nameof(GetOverdueActions))
            .WithSummary("Overdue actions")
            .WithDescription("Every open action past its due date, of the meetings the caller may see, most overdue first, with how often each has been chased and whether it has gone to the chair.")
            .WithExamples(response: new[] { ActionExamples.Action });
        actions.MapGet("/{id:guid}", GetAction).WithName(nameof(GetAction))
            .WithSummary("One action, with its updates")
            .WithDescription("ETag carries its version.")
            .WithExamples(response: ActionExamples.Action);
        actions.MapPut("/{id:guid}", ChangeAction).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(ChangeAction))
            .WithSummary("Change an action's description, owner or due date")
            .WithDescription("A new owner or due date publishes MdtActionAssigned again, and a new due date starts its chasing afresh. Send If-Match.")
            .WithExamples(new ActionChangeRequest("Call Mrs Lovelace's daughter about the falls clinic", new OwnerRequest("sam.jones", "Sam Jones", "U12345"), new DateOnly(2026, 4, 10)),
                ActionExamples.Action)
            .ProducesValidationProblem();
        actions.MapPost("/{id:guid}/updates", UpdateAction).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(UpdateAction))
            .WithSummary("Update an action")
            .WithDescription("A note, a step (start, complete, cancel, pause) or both; the steps allowed follow the action's workflow (409 names what is allowed now). Completing publishes MdtActionCompleted. Send If-Match.")
            .WithExamples(new ActionUpdateRequest("complete", "Spoke to her daughter; clinic on 14 April", "Falls clinic appointment booked"), ActionExamples.Action)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<List<ActionResponse>>, ProblemHttpResult>> GetMeetingActions(
        Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        if (await context.FindMeetingAsync(id, cancellationToken, tracking: false) is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        var actions = await context.Db.Actions.AsNoTracking().Include(a => a.Updates).Where(a => a.MeetingId == id)
            .OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(await AuditedAsync(actions, context, withUpdates: true, cancellationToken));
    }

    public static async Task<Results<Created<ActionResponse>, ValidationProblem, ProblemHttpResult>> AssignAction(
        Guid id, NewActionRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        if (meeting is null)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        if (meeting.Status == MeetingStatus.Cancelled)
        {
            return ServiceProblems.Conflict("The meeting is cancelled.", "Actions are agreed at meetings that take place.");
        }

        AgendaItem? item = null;
        if (request.AgendaItemId is { } itemId)
        {
            item = await context.Db.AgendaItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.MeetingId == id, cancellationToken);
            if (item is null)
            {
                return ServiceProblems.Invalid("action", "agendaItemId", "The agenda item is not on this meeting's agenda.");
            }
        }

        var action = new MdtAction
        {
            Id = Guid.CreateVersion7(),
            MeetingId = id,
            AgendaItemId = item?.Id,
            NhsNumber = item?.NhsNumber,
            Description = request.Description!,
            OwnerUserId = request.Owner!.UserId,
            OwnerName = request.Owner.Name!,
            OwnerOrganisation = request.Owner.Organisation,
            DueOn = request.DueOn!.Value,
            Status = ActionStatus.Open,
            CreatedAt = context.Now,
            CreatedByUserId = context.UserId,
        };
        context.Db.Actions.Add(action);
        PublishAssigned(action, context);
        context.Audit("action.create", "mdt-action", action.Id, action.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(action.Version);
        return TypedResults.Created($"/api/actions/{action.Id}", ActionResponse.From(action, UkTime.Today(context.Clock), withUpdates: true));
    }

    public static async Task<Results<Ok<List<ActionResponse>>, ValidationProblem>> GetMyActions(
        string? status, bool? overdue, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        ActionStatus? only = null;
        if (status is not null)
        {
            if (!WireEnum.TryParse<ActionStatus>(status, out var parsed))
            {
                return ServiceProblems.Invalid("query", "status", $"The status must be one of: {string.Join(", ", WireEnum.Names<ActionStatus>())}.");
            }

            only = parsed;
        }

        var actions = await Mine(context.Db, context.UserId, only, overdue == true, UkTime.Today(context.Clock)).ToListAsync(cancellationToken);
        return TypedResults.Ok(await AuditedAsync(actions, context, withUpdates: false, cancellationToken));
    }

    /// <summary>"My actions": an owner's, soonest due first (open and in progress unless <paramref name="only"/> names a status).</summary>
    public static IQueryable<MdtAction> Mine(Data.MeetingsDbContext db, string userId, ActionStatus? only, bool overdue, DateOnly today)
    {
        var query = db.Actions.AsNoTracking().Where(a => a.OwnerUserId == userId);
        query = only is { } one ? query.Where(a => a.Status == one) : query.Where(a => a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress);
        if (overdue)
        {
            query = query.Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueOn < today);
        }

        return query.OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(PageLimit);
    }

    public static async Task<Ok<List<ActionResponse>>> GetOverdueActions([AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var today = UkTime.Today(context.Clock);
        var visible = context.Db.Meetings.Where(MeetingAccess.Visible(context.User, context.Options)).Select(m => m.Id);
        var actions = await context.Db.Actions.AsNoTracking()
            .Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueOn < today && visible.Contains(a.MeetingId))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(PageLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(await AuditedAsync(actions, context, withUpdates: false, cancellationToken));
    }

    public static async Task<Results<Ok<ActionResponse>, ProblemHttpResult>> GetAction(
        Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var action = await FindAsync(id, context, tracking: false, cancellationToken);
        if (action is null)
        {
            context.Audit("action.read", "mdt-action", id, null, AuditOutcomes.NotFound);
            await context.Db.SaveChangesAsync(cancellationToken);
            return ServiceProblems.NotFound("action", id);
        }

        context.Http.Response.TagVersion(action.Version);
        return TypedResults.Ok((await AuditedAsync([action], context, withUpdates: true, cancellationToken))[0]);
    }

    public static async Task<Results<Ok<ActionResponse>, ProblemHttpResult>> ChangeAction(
        Guid id, ActionChangeRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var action = await FindAsync(id, context, tracking: true, cancellationToken);
        if (action is null)
        {
            return ServiceProblems.NotFound("action", id);
        }

        if (!context.Http.Request.IfMatchAllows(action.Version))
        {
            return ServiceProblems.ChangedMeanwhile("action");
        }

        if (!action.IsOpen)
        {
            return ServiceProblems.Conflict($"The action is {WireEnum.Name(action.Status)}.", "A finished action is kept as it was.");
        }

        var reassigned = action.OwnerUserId != request.Owner!.UserId || action.OwnerName != request.Owner.Name || action.DueOn != request.DueOn;
        if (action.DueOn != request.DueOn)
        {
            // A new date is a new promise: chasing starts again from it.
            (action.Chases, action.LastChasedAt, action.EscalatedToChairAt) = (0, null, null);
        }

        action.Description = request.Description!;
        (action.OwnerUserId, action.OwnerName, action.OwnerOrganisation) = (request.Owner.UserId, request.Owner.Name!, request.Owner.Organisation);
        action.DueOn = request.DueOn!.Value;
        action.Version++;
        context.Db.ActionUpdates.Add(new ActionUpdate
        {
            Id = Guid.CreateVersion7(),
            ActionId = action.Id,
            At = context.Now,
            ByUserId = context.UserId,
            ByName = context.UserName,
            Note = $"Owner {action.OwnerName}, due {action.DueOn:yyyy-MM-dd}.",
        });
        if (reassigned)
        {
            PublishAssigned(action, context);
        }

        context.Audit("action.update", "mdt-action", action.Id, action.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(action.Version);
        return TypedResults.Ok(ActionResponse.From(action, UkTime.Today(context.Clock), withUpdates: true));
    }

    public static async Task<Results<Ok<ActionResponse>, ProblemHttpResult>> UpdateAction(
        Guid id, ActionUpdateRequest request, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        var action = await FindAsync(id, context, tracking: true, cancellationToken);
        if (action is null)
        {
            return ServiceProblems.NotFound("action", id);
        }

        if (!context.Http.Request.IfMatchAllows(action.Version))
        {
            return ServiceProblems.ChangedMeanwhile("action");
        }

        var from = action.Status;
        ActionStatus? to = null;
        if (request.Step is not null)
        {
            var step = WireEnum.Parse<ActionStep>(request.Step);
            if (ActionWorkflow.Machine.Next(action.Status, step) is not { } next)
            {
                return ActionWorkflow.Machine.Refusal("action", action.Status, step);
            }

            to = next;
            action.Status = next;
        }
        else if (!action.IsOpen)
        {
            return ServiceProblems.Conflict($"The action is {WireEnum.Name(action.Status)}.", "A finished action takes no more notes.");
        }

        context.Db.ActionUpdates.Add(new ActionUpdate
        {
            Id = Guid.CreateVersion7(),
            ActionId = action.Id,
            At = context.Now,
            ByUserId = context.UserId,
            ByName = context.UserName,
            FromStatus = to is null ? null : from,
            ToStatus = to,
            Note = request.Note,
        });
        if (to == ActionStatus.Done)
        {
            action.CompletedAt = context.Now;
            action.Outcome = request.Outcome ?? request.Note;
            context.Db.AddIntegrationEvent(new MdtActionCompleted(action.Id, action.MeetingId, action.NhsNumber, action.Outcome, context.UserId, context.Now), context.Clock);
        }

        action.Version++;
        context.Audit("action.update", "mdt-action", action.Id, action.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(action.Version);
        return TypedResults.Ok(ActionResponse.From(action, UkTime.Today(context.Clock), withUpdates: true));
    }

    /// <summary>An action the caller may see: its meeting's visibility, or their own.</summary>
    private static async Task<MdtAction?> FindAsync(Guid id, MeetingsContext context, bool tracking, CancellationToken cancellationToken)
    {
        var actions = tracking ? context.Db.Actions : context.Db.Actions.AsNoTracking();
        var action = await actions.Include(a => a.Updates).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return action is null || action.OwnerUserId == context.UserId || await context.FindMeetingAsync(action.MeetingId, cancellationToken, tracking: false) is not null
            ? action
            : null;
    }

    private static void PublishAssigned(MdtAction action, MeetingsContext context) =>
        context.Db.AddIntegrationEvent(new MdtActionAssigned(action.Id, action.MeetingId, action.AgendaItemId, action.NhsNumber, action.Description,
            action.OwnerUserId, action.OwnerName, action.OwnerOrganisation, action.DueOn, context.Now), context.Clock);

    private static async Task<List<ActionResponse>> AuditedAsync(List<MdtAction> actions, MeetingsContext context, bool withUpdates, CancellationToken cancellationToken)
    {
        await context.AuditEachAsync("action.read", "mdt-action", actions.Where(a => a.NhsNumber is not null).Select(a => (a.Id, a.NhsNumber)), cancellationToken);
        var today = UkTime.Today(context.Clock);
        return [.. actions.Select(a => ActionResponse.From(a, today, withUpdates))];
    }
}

public sealed record ActionOwner(string? UserId, string Name, string? Organisation);

public sealed record ActionUpdateResponse(DateTimeOffset At, string ByUserId, string ByName, ActionStatus? FromStatus, ActionStatus? ToStatus, string? Note);

public sealed record ActionResponse(
    Guid Id,
    Guid MeetingId,
    Guid? AgendaItemId,
    string? NhsNumber,
    string Description,
    ActionOwner Owner,
    DateOnly DueOn,
    ActionStatus Status,
    bool Overdue,
    int Chases,
    DateTimeOffset? LastChasedAt,
    bool EscalatedToChair,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? Outcome,
    IReadOnlyList<string> AllowedSteps,
    IReadOnlyList<ActionUpdateResponse>? Updates,
    int Version)
{
    public static ActionResponse From(MdtAction a, DateOnly today, bool withUpdates) => new(
        a.Id, a.MeetingId, a.AgendaItemId, a.NhsNumber, a.Description, new ActionOwner(a.OwnerUserId, a.OwnerName, a.OwnerOrganisation), a.DueOn, a.Status,
        a.IsOpen && a.DueOn < today, a.Chases, a.LastChasedAt, a.EscalatedToChairAt is not null, a.CreatedAt, a.CompletedAt, a.Outcome,
        [.. ActionWorkflow.Machine.ActionsFrom(a.Status).Select(s => WireEnum.Name(s))],
        withUpdates ? [.. a.Updates.OrderBy(u => u.At).Select(u => new ActionUpdateResponse(u.At, u.ByUserId, u.ByName, u.FromStatus, u.ToStatus, u.Note))] : null,
        a.Version);
}

internal static class ActionExamples
{
    public static readonly NewActionRequest New = new("Refer Mrs Lovelace to the falls clinic", new OwnerRequest("sam.jones", "Sam Jones", "U12345"),
        new DateOnly(2026, 4, 7), Guid.Parse("0193a1b2-7c00-7000-8000-000000000010"));

    public static readonly ActionResponse Action = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000040"), Guid.Parse("0193a1b2-7c00-7000-8000-000000000002"),
        Guid.Parse("0193a1b2-7c00-7000-8000-000000000010"), "9434765919", "Refer Mrs Lovelace to the falls clinic", new ActionOwner("sam.jones", "Sam Jones", "U12345"),
        new DateOnly(2026, 4, 7), ActionStatus.Open, false, 0, null, false, new DateTimeOffset(2026, 3, 31, 10, 0, 0, TimeSpan.Zero), null, null,
        ["start", "complete", "cancel"], [], 1);
}
