using System.Globalization;
using CareMesh.Documents;
using CareMesh.Meetings.Actions;
using CareMesh.Meetings.Agenda;
using CareMesh.Meetings.Data;
using CareMesh.Meetings.People;
using CareMesh.Meetings.Programme;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareMesh.Meetings.Papers;

/// <summary>
/// A meeting's papers: the agenda, and for each person a summary from what Meetings knows (reason,
/// flags, plan status, open actions, the last MDT's outcome and earlier discussions), as data, an
/// HTML page and a PDF; circulated by a deadline, or flagged to the chair as late.
/// </summary>
public static class PapersApi
{
    /// <summary>The HTML page carries its own styles and nothing else.</summary>
    private const string PageSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void MapPapersApi(this RouteGroupBuilder meetings)
    {
        meetings.MapGet("/{id:guid}/papers", GetPapers).WithName(nameof(GetPapers))
            .WithSummary("A meeting's papers, as data")
            .WithDescription("The agenda and, per person, the summary the pack prints. Every person named is audited as read.")
            .WithExamples(response: PapersExamples.Papers);
        meetings.MapGet("/{id:guid}/papers.html", GetPapersPage).WithName(nameof(GetPapersPage))
            .WithSummary("A meeting's papers as an HTML page")
            .WithDescription("Accessible and self-contained (no script, no external resource); printable. Audited as the data form is.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        meetings.MapGet("/{id:guid}/papers.pdf", GetPapersPdf).WithName(nameof(GetPapersPdf))
            .WithSummary("A meeting's papers as a PDF")
            .WithDescription("A4, with the font embedded and the confidentiality line and page number on every page. Audited as the data form is.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        meetings.MapPost("/{id:guid}/papers/circulate", CirculatePapers).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(CirculatePapers))
            .WithSummary("Mark the papers circulated")
            .WithDescription("Records when (now) and by whom. Papers circulated after the deadline (PapersDueAt) are marked late. Send If-Match with the meeting's version.")
            .WithExamples(response: ProgrammeExamples.Meeting);
    }

    public static async Task<Results<Ok<PapersResponse>, ProblemHttpResult>> GetPapers(
        Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken) =>
        await PackAsync(id, context, cancellationToken) is { } pack ? TypedResults.Ok(pack) : ServiceProblems.NotFound("meeting", id);

    public static async Task<IResult> GetPapersPage(Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        if (await PackAsync(id, context, cancellationToken) is not { } pack)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        context.Http.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        context.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(DocumentHtml.Render(PapersDocument.From(pack)), "text/html; charset=utf-8");
    }

    public static async Task<IResult> GetPapersPdf(Guid id, [AsParameters] MeetingsContext context, CancellationToken cancellationToken)
    {
        if (await PackAsync(id, context, cancellationToken) is not { } pack)
        {
            return ServiceProblems.NotFound("meeting", id);
        }

        context.Http.Response.Headers.CacheControl = "no-store";
        var name = $"mdt-papers-{UkTime.ToUk(pack.Meeting.StartsAt):yyyy-MM-dd}.pdf";
        return TypedResults.File(DocumentPdf.Render(PapersDocument.From(pack)), "application/pdf", name);
    }

    public static async Task<Results<Ok<MeetingResponse>, ProblemHttpResult>> CirculatePapers(
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

        if (meeting.Status != MeetingStatus.Scheduled)
        {
            return ServiceProblems.Conflict($"The meeting is {WireEnum.Name(meeting.Status)}.", "Papers are circulated before a meeting takes place.");
        }

        meeting.PapersCirculatedAt = context.Now;
        meeting.PapersCirculatedBy = context.UserName;
        meeting.Version++;
        await context.Db.SaveChangesAsync(cancellationToken);
        context.Http.Response.TagVersion(meeting.Version);
        return TypedResults.Ok(MeetingResponse.From(meeting, context.Now));
    }

    /// <summary>The pack, each person in it audited as read in the same save; null when the caller may not see the meeting.</summary>
    public static async Task<PapersResponse?> PackAsync(Guid id, MeetingsContext context, CancellationToken cancellationToken)
    {
        var meeting = await context.FindMeetingAsync(id, cancellationToken, tracking: false);
        if (meeting is null)
        {
            return null;
        }

        var (agenda, people) = await AgendaApi.AgendaWithPeopleAsync(meeting, context, cancellationToken);
        var items = agenda.Items.Where(i => i.Status == AgendaItemStatus.Confirmed).ToList();
        var numbers = items.Where(i => i.NhsNumber is not null).Select(i => i.NhsNumber!).Distinct().ToList();
        var actions = await context.Db.Actions.AsNoTracking()
            .Where(a => a.NhsNumber != null && numbers.Contains(a.NhsNumber) && (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress))
            .OrderBy(a => a.DueOn).ToListAsync(cancellationToken);
        var today = UkTime.Today(context.Clock);
        var summaries = items.Where(i => i.NhsNumber is not null).Select(i =>
        {
            var person = people.GetValueOrDefault(i.NhsNumber!);
            return new PersonSummary(i.Id, i.Position, i.NhsNumber!, i.PersonName, person?.PracticeOds, i.Reason, i.AskedBy, i.Question, i.Source,
                [.. (person?.RiskFlags ?? []).Concat(person?.Needs ?? [])],
                person?.Urgency, person?.Complexity, person?.PlanStatus, person?.PlanVersion, person?.ReviewDue, person?.CareCoordinatorName,
                person?.LatestEscalation, person?.LatestEscalationAt,
                [.. actions.Where(a => a.NhsNumber == i.NhsNumber).Select(a => ActionResponse.From(a, today, withUpdates: false))],
                i.History.FirstOrDefault(), i.History);
        }).ToList();
        await context.AuditEachAsync("papers.read", "agenda-item", summaries.Select(s => (s.AgendaItemId, (string?)s.NhsNumber)), cancellationToken);
        return new PapersResponse(MeetingResponse.From(meeting, context.Now), items, summaries, context.Now);
    }
}

/// <summary>What the pack says about one person on the agenda.</summary>
public sealed record PersonSummary(
    Guid AgendaItemId,
    int Position,
    string NhsNumber,
    string? Name,
    string? PracticeOds,
    string? Reason,
    string? AskedBy,
    string? Question,
    AgendaItemSource Source,
    IReadOnlyList<string> Flags,
    string? Urgency,
    string? Complexity,
    string? PlanStatus,
    int? PlanVersion,
    DateOnly? ReviewDue,
    string? CareCoordinator,
    string? LatestEscalation,
    DateTimeOffset? LatestEscalationAt,
    IReadOnlyList<ActionResponse> OpenActions,
    HistoryEntry? LastMdt,
    IReadOnlyList<HistoryEntry> History);

public sealed record PapersResponse(MeetingResponse Meeting, IReadOnlyList<AgendaItemResponse> Agenda, IReadOnlyList<PersonSummary> People, DateTimeOffset PreparedAt);

/// <summary>The pack as a document: the same words in HTML and PDF.</summary>
public static class PapersDocument
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static Document From(PapersResponse pack)
    {
        var meeting = pack.Meeting;
        var blocks = new List<Block>
        {
            new Heading("Agenda"),
            new Table("Agenda", ["#", "Item", "Minutes", "Asked by"],
                [.. pack.Agenda.Select(i => (IReadOnlyList<string>)[i.Position.ToString(English), Title(i), i.MinutesAllotted.ToString(English), i.AskedBy ?? ""])])
            {
                Widths = [0.06, 0.6, 0.1, 0.24],
            },
        };
        foreach (var person in pack.People)
        {
            blocks.Add(new Heading($"{person.Position}. {person.Name ?? "Name not known"} (NHS number {Spaced(person.NhsNumber)})"));
            var rows = new List<SummaryRow>
            {
                new("Reason", person.Reason ?? ""),
                new("Question for the team", person.Question ?? ""),
                new("Asked by", person.AskedBy ?? ""),
                new("Flags", person.Flags.Count == 0 ? "None recorded" : string.Join(", ", person.Flags)),
                new("Care plan", Plan(person)),
            };
            if (person.Urgency is not null || person.Complexity is not null)
            {
                rows.Add(new("Referral", string.Join(", ", new[] { person.Urgency, person.Complexity }.OfType<string>())));
            }

            if (person.CareCoordinator is not null)
            {
                rows.Add(new("Care coordinator", person.CareCoordinator));
            }

            if (person.LatestEscalation is not null)
            {
                rows.Add(new("Latest escalation", $"{person.LatestEscalation} ({Date(person.LatestEscalationAt!.Value)})"));
            }

            rows.Add(new("Last MDT", person.LastMdt is { } last ? Outcome(last) : "Not discussed before"));
            blocks.Add(new SummaryList(rows));
            if (person.OpenActions.Count > 0)
            {
                blocks.Add(new Table("Open actions", ["Action", "Owner", "Due", "Status"],
                    [.. person.OpenActions.Select(a => (IReadOnlyList<string>)[a.Description, a.Owner.Name, a.DueOn.ToString("d MMM yyyy", English) + (a.Overdue ? " (overdue)" : ""), WireEnum.Name(a.Status)])])
                {
                    Widths = [0.46, 0.22, 0.18, 0.14],
                });
            }

            if (person.History.Count > 1)
            {
                blocks.Add(new Paragraph("Earlier discussions"));
                blocks.Add(new BulletList([.. person.History.Skip(1).Select(Outcome)]));
            }
        }

        var where = string.Join(" · ", new[] { meeting.Location, meeting.VideoLink }.OfType<string>());
        return new Document($"{meeting.Title}: papers",
            blocks)
        {
            Subtitle =
            [
                $"{Date(meeting.StartsAt)} at {meeting.LocalStartTime} ({meeting.DurationMinutes} minutes){(where.Length > 0 ? $", {where}" : "")}",
                $"Chair: {meeting.Chair.Name}",
                meeting.PapersCirculatedAt is { } circulated ? $"Circulated {Date(circulated)} at {UkTime.ToUk(circulated):HH:mm}" : $"Prepared {Date(pack.PreparedAt)} at {UkTime.ToUk(pack.PreparedAt):HH:mm}",
            ],
            Footer = "Confidential: contains personal information, for the MDT's members only",
        };
    }

    private static string Title(AgendaItemResponse item) => item.Kind == AgendaItemKind.Person
        ? $"{item.PersonName ?? Spaced(item.NhsNumber!)}: {item.Title}{(item.Source == AgendaItemSource.CarriedForward ? " (carried forward)" : "")}"
        : item.Title;

    private static string Plan(PersonSummary person) => person.PlanStatus is null ? "No plan known" :
        $"{person.PlanStatus}{(person.PlanVersion is { } v ? $", version {v}" : "")}{(person.ReviewDue is { } due ? $", review due {due.ToString("d MMM yyyy", English)}" : "")}";

    private static string Outcome(HistoryEntry entry) =>
        $"{Date(entry.MeetingStartsAt)}: {WireEnum.Name(entry.Outcome ?? Minutes.ItemOutcome.NotReached).Replace('-', ' ')}" +
        (entry.Decisions.Count > 0 ? $"; {string.Join("; ", entry.Decisions.Select(Minutes.MinutesApi.Describe))}" : "") +
        (entry.NextSteps is { } next ? $"; next: {next}" : "");

    private static string Date(DateTimeOffset instant) => UkTime.ToUk(instant).ToString("dddd d MMMM yyyy", English);

    private static string Spaced(string nhsNumber) => nhsNumber.Length == 10 ? $"{nhsNumber[..3]} {nhsNumber[3..6]} {nhsNumber[6..]}" : nhsNumber;
}

/// <summary>Flags to the chair the meetings whose papers were not circulated by their deadline (once each).</summary>
public sealed class LatePapersCheck(MeetingsDbContext db) : IScheduledCheck
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Meetings
            .Where(m => m.Status == MeetingStatus.Scheduled && m.PapersCirculatedAt == null && m.PapersLateFlaggedAt == null && m.PapersDueAt <= now && m.StartsAt + m.Duration > now)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.PapersLateFlaggedAt, now).SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
}

internal static class PapersExamples
{
    public static readonly PapersResponse Papers = new(ProgrammeExamples.Meeting, [AgendaExamples.PersonItem],
    [
        new PersonSummary(AgendaExamples.ItemId, 1, "9434765919", "Ada Lovelace", "Y00001", "Two falls since discharge", "Dr Asha Patel",
            "Is a falls clinic referral needed now?", AgendaItemSource.Added, ["lives-alone", "frailty"], "urgent", "complex", "agreed", 2,
            new DateOnly(2026, 6, 1), "Sam Jones", null, null, [ActionExamples.Action], null, []),
    ], new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero));
}
