using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CareMesh.CarePlans.Coding;
using CareMesh.CarePlans.Plans;
using CareMesh.Contracts;
using CareMesh.Contracts.CarePlans;
using CareMesh.Documents;
using CareMesh.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Versions;

/// <summary>Agreeing a plan with the person, the agreed versions it keeps, their differences, and their copies for the person and the GP.</summary>
public static class VersionsApi
{
    /// <summary>The HTML copy carries its own styles and nothing else.</summary>
    private const string PageSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void MapVersionsApi(this RouteGroupBuilder plans)
    {
        plans.MapPost("/{id:guid}/agree", AgreePlan).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(AgreePlan))
            .WithSummary("Agree the draft with the person")
            .WithDescription("How (in-person, phone, video), when (default now) and whether a carer was there; by the caller. The version is kept whole from then on, the review date is set (default 12 weeks on), and CarePlanAgreed carries what the GP may receive under the person's sharing preference. Needs what matters to the person. Send If-Match.")
            .WithExamples(VersionExamples.Agree, PlanExamples.Plan)
            .ProducesValidationProblem();
        plans.MapGet("/{id:guid}/versions", GetVersions).WithName(nameof(GetVersions))
            .WithSummary("The plan's agreed versions")
            .WithDescription("Oldest first: how, when and by whom each was agreed, its review date and what the GP was sent. Audited as a read.")
            .WithExamples(response: new[] { VersionExamples.Summary });
        plans.MapGet("/{id:guid}/versions/{version:int}", GetVersion).WithName(nameof(GetVersion))
            .WithSummary("An agreed version, exactly as it was agreed")
            .WithDescription("The version's JSON as it was written at agreement, byte for byte, whatever has changed since. Audited as a read.")
            .Produces<PlanVersionDocument>(contentType: "application/json")
            .WithExamples(response: VersionExamples.Document);
        plans.MapGet("/{id:guid}/versions/diff", DiffVersions).WithName(nameof(DiffVersions))
            .WithSummary("What changed between two versions")
            .WithDescription("Every field added, removed or changed from version `from` to version `to`, by path (goals and actions by id). Either may be the current draft's number. Audited as a read.")
            .WithExamples(response: VersionExamples.Diff);
        plans.MapGet("/{id:guid}/versions/{version:int}/copy.html", GetCopyPage).WithName(nameof(GetCopyPage))
            .WithSummary("An agreed version as an accessible HTML page")
            .WithDescription("audience=gp (default: the GP record's copy, narrative only when the person shares the full plan) or person (the person's and their carer's copy: the whole plan). Self-contained; printable. Audited as a read.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        plans.MapGet("/{id:guid}/versions/{version:int}/copy.pdf", GetCopyPdf).WithName(nameof(GetCopyPdf))
            .WithSummary("An agreed version as a PDF")
            .WithDescription("A4, font embedded, the confidentiality line on every page; audience as for the HTML page. Audited as a read.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        plans.MapGet("/{id:guid}/versions/{version:int}/copy.txt", GetCopyText).WithName(nameof(GetCopyText))
            .WithSummary("An agreed version as plain text")
            .WithDescription("For a GP system's free-text entry; audience as for the HTML page. Audited as a read.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain");
    }

    public static async Task<Results<Ok<CarePlanResponse>, ValidationProblem, ProblemHttpResult>> AgreePlan(
        Guid id, AgreeRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var plan = await context.FindPlanAsync(id, cancellationToken);
        if (plan is null)
        {
            return ServiceProblems.NotFound("care plan", id);
        }

        if (!context.Http.Request.IfMatchAllows(plan.Revision))
        {
            return ServiceProblems.ChangedMeanwhile("care plan");
        }

        if (PlanWorkflow.Machine.Next(plan.Status, PlanStep.Agree) is not { } agreed)
        {
            return PlanWorkflow.Machine.Refusal("care plan", plan.Status, PlanStep.Agree);
        }

        if (string.IsNullOrEmpty(plan.Sections.AboutMe?.WhatMatters))
        {
            return ServiceProblems.Conflict("The plan is not ready to agree.", "Record what matters to the person, in their words, first.",
                new Dictionary<string, object?> { ["missing"] = new[] { "sections.aboutMe.whatMatters" } });
        }

        var agreedAt = request.AgreedAt ?? context.Now;
        var reviewDue = request.ReviewDue ?? UkTime.DateOf(agreedAt).AddDays(7 * context.Options.ReviewIntervalWeeks);
        if (reviewDue <= UkTime.DateOf(agreedAt))
        {
            return ServiceProblems.Invalid("agreement", "reviewDue", "The review date must be after the day the plan was agreed.");
        }

        var method = WireEnum.Parse<AgreementMethod>(request.Method!);
        var agreement = new AgreementResponse(method, agreedAt, request.CarerPresent!.Value, context.UserId, context.UserName, reviewDue);
        var document = PlanVersionDocument.Of(plan, agreement, CodesOf(plan.Sections, context.Codes));
        var snapshot = JsonSerializer.Serialize(document, context.JsonOptions);
        context.Db.Versions.Add(new PlanVersion
        {
            PlanId = plan.Id, Number = plan.VersionNumber, Method = method, AgreedAt = agreedAt, CarerPresent = agreement.CarerPresent,
            AgreedByUserId = agreement.AgreedByUserId, AgreedByName = agreement.AgreedByName, ReviewDue = reviewDue,
            Sharing = plan.Sections.GpSharingPreference, RecordedAt = context.Now, Snapshot = snapshot,
        });
        plan.Status = agreed;
        plan.ReviewDue = reviewDue;
        context.Db.AddIntegrationEvent(new CarePlanAgreed(plan.Id, plan.ReferralId, plan.NhsNumber, plan.PracticeOds, plan.VersionNumber, WireEnum.Name(method),
            agreement.CarerPresent, agreement.AgreedByUserId, agreedAt, reviewDue, GpCopyOf(document)), context.Clock);
        return TypedResults.Ok(await PlanChanges.SaveAsync(plan, context, "care-plan.agree", cancellationToken));
    }

    public static async Task<Results<Ok<List<VersionSummary>>, ProblemHttpResult>> GetVersions(
        Guid id, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        if (await FindPlanAsync(id, context, cancellationToken) is not { } plan)
        {
            return ServiceProblems.NotFound("care plan", id);
        }

        var versions = await context.Db.Versions.AsNoTracking().Where(v => v.PlanId == id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        await AuditedAsync(plan, context, cancellationToken);
        return TypedResults.Ok(versions.Select(VersionSummary.From).ToList());
    }

    public static async Task<IResult> GetVersion(Guid id, int version, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        if (await FindVersionAsync(id, version, context, cancellationToken) is not { } found)
        {
            return ServiceProblems.NotFound("agreed version of care plan", id);
        }

        // The stored text itself, not a re-serialisation: what was agreed is what is read.
        return TypedResults.Text(found.Snapshot, "application/json; charset=utf-8");
    }

    public static async Task<Results<Ok<VersionDiffResponse>, ValidationProblem, ProblemHttpResult>> DiffVersions(
        Guid id, [AsParameters] DiffQuery query, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        if (query.From is not { } from || query.To is not { } to)
        {
            return ServiceProblems.Invalid("comparison", new Dictionary<string, string[]>
            {
                [query.From is null ? "from" : "to"] = ["Name both versions to compare: from and to."],
            });
        }

        var plan = await context.FindPlanAsync(id, cancellationToken, tracking: false);
        if (plan is null)
        {
            return ServiceProblems.NotFound("care plan", id);
        }

        var stored = await context.Db.Versions.AsNoTracking().Where(v => v.PlanId == id && (v.Number == from || v.Number == to))
            .ToDictionaryAsync(v => v.Number, v => v.Snapshot, cancellationToken);
        // The current draft compares as it stands.
        if (plan.Status == PlanStatus.Draft)
        {
            stored.TryAdd(plan.VersionNumber, JsonSerializer.Serialize(PlanVersionDocument.Of(plan, null, CodesOf(plan.Sections, context.Codes)), context.JsonOptions));
        }

        if (!stored.ContainsKey(from) || !stored.ContainsKey(to))
        {
            return ServiceProblems.Invalid("comparison", stored.ContainsKey(from) ? "to" : "from",
                $"The plan has versions 1 to {plan.VersionNumber}; only agreed ones and the current draft can be compared.");
        }

        using var before = JsonDocument.Parse(stored[from]);
        using var after = JsonDocument.Parse(stored[to]);
        context.Audit("care-plan.read", "care-plan", plan.Id, plan.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new VersionDiffResponse(from, to, VersionDiff.Between(before.RootElement, after.RootElement)));
    }

    public static Task<IResult> GetCopyPage(Guid id, int version, [AsParameters] CopyQuery query, [AsParameters] CarePlansContext context, CancellationToken cancellationToken) =>
        RenderAsync(id, version, query, context, document =>
        {
            context.Http.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
            return TypedResults.Content(DocumentHtml.Render(document), "text/html; charset=utf-8");
        }, cancellationToken);

    public static Task<IResult> GetCopyPdf(Guid id, int version, [AsParameters] CopyQuery query, [AsParameters] CarePlansContext context, CancellationToken cancellationToken) =>
        RenderAsync(id, version, query, context, document =>
            TypedResults.File(DocumentPdf.Render(document), "application/pdf", $"care-plan-v{version}.pdf"), cancellationToken);

    public static Task<IResult> GetCopyText(Guid id, int version, [AsParameters] CopyQuery query, [AsParameters] CarePlansContext context, CancellationToken cancellationToken) =>
        RenderAsync(id, version, query, context, document => TypedResults.Text(DocumentText.Render(document), "text/plain; charset=utf-8"), cancellationToken);

    /// <summary>The codes of what an agreement records: the plan agreed, and a carer identified or a personal health budget offered when it says so.</summary>
    public static IReadOnlyList<SnomedConcept> CodesOf(PlanSections sections, ActivityCodes codes)
    {
        var activities = new List<CodedActivity> { CodedActivity.PlanAgreed };
        if (sections.Carers?.UnpaidCarerIdentified == true)
        {
            activities.Add(CodedActivity.CarerIdentified);
        }

        if (sections.PersonalHealthBudget?.Status is "offered" or "agreed")
        {
            activities.Add(CodedActivity.PersonalHealthBudgetOffered);
        }

        return [.. activities.Select(codes.For)];
    }

    /// <summary>What the GP record may receive: the codes always; the narrative (the GP copy as text) only under "full plan".</summary>
    private static GpCopy GpCopyOf(PlanVersionDocument document)
    {
        var sharing = document.Sections.GpSharingPreference;
        return new GpCopy(WireEnum.Name(sharing), document.Codes,
            sharing == GpSharing.FullPlan ? DocumentText.Render(GpCopyDocument.From(document, CopyAudience.Gp)) : null);
    }

    private static async Task<IResult> RenderAsync(Guid id, int version, CopyQuery query, CarePlansContext context, Func<Document, IResult> render,
        CancellationToken cancellationToken)
    {
        if (query.Audience is not null && !WireEnum.TryParse<CopyAudience>(query.Audience, out _))
        {
            return ServiceProblems.Invalid("request", "audience", "The audience is gp or person.");
        }

        if (await FindVersionAsync(id, version, context, cancellationToken) is not { } found)
        {
            return ServiceProblems.NotFound("agreed version of care plan", id);
        }

        var audience = query.Audience is null ? CopyAudience.Gp : WireEnum.Parse<CopyAudience>(query.Audience);
        var document = JsonSerializer.Deserialize<PlanVersionDocument>(found.Snapshot, context.JsonOptions)!;
        context.Http.Response.Headers.CacheControl = "no-store";
        return render(GpCopyDocument.From(document, audience));
    }

    private static Task<CarePlan?> FindPlanAsync(Guid id, CarePlansContext context, CancellationToken cancellationToken) =>
        context.Db.Plans.AsNoTracking().Where(PlanAccess.Visible(context.User, context.Options)).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>An agreed version of a plan the caller may see, its read audited.</summary>
    private static async Task<PlanVersion?> FindVersionAsync(Guid id, int version, CarePlansContext context, CancellationToken cancellationToken)
    {
        if (await FindPlanAsync(id, context, cancellationToken) is not { } plan)
        {
            return null;
        }

        var found = await context.Db.Versions.AsNoTracking().SingleOrDefaultAsync(v => v.PlanId == id && v.Number == version, cancellationToken);
        if (found is not null)
        {
            await AuditedAsync(plan, context, cancellationToken);
        }

        return found;
    }

    private static async Task AuditedAsync(CarePlan plan, CarePlansContext context, CancellationToken cancellationToken)
    {
        context.Audit("care-plan.read", "care-plan", plan.Id, plan.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
    }
}

public sealed record AgreeRequest(
    [property: Required, OneOf<AgreementMethod>, Description("How it was agreed: in-person, phone or video.")] [Display(Name = "method")] string? Method,
    [property: NotInFuture, Description("When it was agreed (UTC); default now.")] [Display(Name = "agreed at")] DateTimeOffset? AgreedAt,
    [property: Required, Description("Whether the person's carer took part.")] [Display(Name = "carer present")] bool? CarerPresent,
    [property: Description("The first review; default the configured interval (12 weeks) after agreement.")] [Display(Name = "review date")] DateOnly? ReviewDue);

/// <param name="From">The earlier version's number.</param>
/// <param name="To">The later version's number.</param>
public sealed record DiffQuery(int? From, int? To);

/// <param name="Audience">gp (default) or person.</param>
public sealed record CopyQuery(string? Audience);

public sealed record VersionDiffResponse(int From, int To, IReadOnlyList<VersionChange> Changes);

internal static class VersionExamples
{
    public static readonly AgreeRequest Agree = new("in-person", new DateTimeOffset(2026, 3, 9, 10, 30, 0, TimeSpan.Zero), true, null);

    public static readonly VersionSummary Summary = new(1, AgreementMethod.InPerson, new DateTimeOffset(2026, 3, 9, 10, 30, 0, TimeSpan.Zero), true, "Sam Jones",
        new DateOnly(2026, 6, 1), GpSharing.CodesOnly);

    public static readonly PlanVersionDocument Document = new(PlanExamples.Plan.Id, 1, PlanExamples.Plan.Person, PlanExamples.Plan.Sections, PlanExamples.Plan.Goals,
        PlanExamples.Plan.Actions, new AgreementResponse(AgreementMethod.InPerson, Summary.AgreedAt, true, "user-care-coordinator", "Sam Jones", Summary.ReviewDue),
        [ActivityCodeOptions.Defaults[CodedActivity.PlanAgreed], ActivityCodeOptions.Defaults[CodedActivity.CarerIdentified]]);

    public static readonly VersionDiffResponse Diff = new(1, 2,
    [
        new VersionChange("goals[0193a1b2-7c00-7000-8000-000000000201].text", ChangeKind.Added, null, "\"Cook a meal for my grandchildren\""),
        new VersionChange("sections.consent.gpSharing", ChangeKind.Changed, "\"codes-only\"", "\"full-plan\""),
    ]);
}
