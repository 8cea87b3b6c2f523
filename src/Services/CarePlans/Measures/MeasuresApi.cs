using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CareMesh.CarePlans.Coding;
using CareMesh.CarePlans.Plans;
using CareMesh.Contracts.CarePlans;
using CareMesh.Messaging.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Measures;

/// <summary>Activation (PAM) and wellbeing (ONS4, SWEMWBS) measures: each dated, the first the baseline, later ones read as change since it.</summary>
public static class MeasuresApi
{
    public static void MapMeasuresApi(this RouteGroupBuilder plans)
    {
        plans.MapGet("/{id:guid}/measures", GetMeasures).WithName(nameof(GetMeasures))
            .WithSummary("The plan's measures, with change since baseline")
            .WithDescription("Every PAM, ONS4 and SWEMWBS measure, by kind then date: the baseline (the first of its kind) and each follow-up's change since it; ONS4 answers banded, PAM levelled, SWEMWBS converted to its metric score. Audited as a read.")
            .WithExamples(response: new[] { MeasureExamples.Pam });
        plans.MapPost("/{id:guid}/measures/activation", RecordActivation).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(RecordActivation))
            .WithSummary("Record a Patient Activation Measure score")
            .WithDescription("Score 0 to 100, one decimal place; its level by the published cut-offs (1 up to 47.0, 2 to 55.1, 3 to 67.0, 4 from 67.1). Publishes ActivationRecorded with its SNOMED CT code. Send If-Match.")
            .WithExamples(new ActivationRequest(56.4m, new DateOnly(2026, 3, 9)), MeasureExamples.Pam, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        plans.MapPost("/{id:guid}/measures/ons4", RecordPersonalWellbeing).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(RecordPersonalWellbeing))
            .WithSummary("Record ONS4 personal wellbeing")
            .WithDescription("Four answers of 0 to 10 (life satisfaction, worthwhile, happiness, anxiety), each banded by the ONS thresholds. Publishes WellbeingMeasured. Send If-Match.")
            .WithExamples(new Ons4Request(5, 6, 7, 4, new DateOnly(2026, 3, 9)), MeasureExamples.Ons4, StatusCodes.Status201Created)
            .ProducesValidationProblem();
        plans.MapPost("/{id:guid}/measures/swemwbs", RecordShortWarwickEdinburgh).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed).WithName(nameof(RecordShortWarwickEdinburgh))
            .WithSummary("Record SWEMWBS")
            .WithDescription("Seven items of 1 to 5; the raw total (7 to 35) is converted to the metric score by the published table (Stewart-Brown et al. 2009). Publishes WellbeingMeasured. Send If-Match.")
            .WithExamples(new SwemwbsRequest(3, 3, 2, 3, 4, 3, 3, new DateOnly(2026, 3, 9)), MeasureExamples.Swemwbs, StatusCodes.Status201Created)
            .ProducesValidationProblem();
    }

    public static async Task<Results<Ok<List<MeasurementResponse>>, ProblemHttpResult>> GetMeasures(
        Guid id, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var plan = await context.Db.Plans.AsNoTracking().Where(PlanAccess.Visible(context.User, context.Options)).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return ServiceProblems.NotFound("care plan", id);
        }

        var measures = await context.Db.Measurements.AsNoTracking().Where(m => m.PlanId == id).ToListAsync(cancellationToken);
        context.Audit("care-plan.read", "care-plan", plan.Id, plan.NhsNumber);
        await context.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MeasurementResponse.All(measures));
    }

    public static async Task<Results<Created<MeasurementResponse>, ValidationProblem, ProblemHttpResult>> RecordActivation(
        Guid id, ActivationRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken)
    {
        var score = request.Score!.Value;
        return await RecordAsync(id, MeasureKind.Pam, request.MeasuredOn!.Value, score, PatientActivation.LevelOf(score), [], context,
            (plan, measurement, baseline) => new ActivationRecorded(plan.Id, plan.NhsNumber, measurement.Id, score, measurement.Level!.Value, measurement.IsBaseline,
                baseline is null ? null : score - baseline.Score, measurement.MeasuredOn, context.Codes.For(CodedActivity.ActivationRecorded), context.Now),
            cancellationToken);
    }

    public static Task<Results<Created<MeasurementResponse>, ValidationProblem, ProblemHttpResult>> RecordPersonalWellbeing(
        Guid id, Ons4Request request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken) =>
        RecordWellbeingAsync(id, MeasureKind.Ons4, request.MeasuredOn!.Value, null, request.Answers, context, cancellationToken);

    public static Task<Results<Created<MeasurementResponse>, ValidationProblem, ProblemHttpResult>> RecordShortWarwickEdinburgh(
        Guid id, SwemwbsRequest request, [AsParameters] CarePlansContext context, CancellationToken cancellationToken) =>
        RecordWellbeingAsync(id, MeasureKind.Swemwbs, request.MeasuredOn!.Value, ShortWarwickEdinburgh.MetricOf(request.Answers.Sum()), request.Answers, context,
            cancellationToken);

    private static Task<Results<Created<MeasurementResponse>, ValidationProblem, ProblemHttpResult>> RecordWellbeingAsync(
        Guid id, MeasureKind kind, DateOnly measuredOn, decimal? score, List<int> answers, CarePlansContext context, CancellationToken cancellationToken) =>
        RecordAsync(id, kind, measuredOn, score, null, answers, context,
            (plan, measurement, _) => new WellbeingMeasured(plan.Id, plan.NhsNumber, measurement.Id, WireEnum.Name(kind), score, answers, measurement.IsBaseline,
                measuredOn, context.Codes.For(CodedActivity.WellbeingMeasured), context.Now),
            cancellationToken);

    /// <summary>Records a measure on an open plan (the first of its kind the baseline) with its event, in one transaction.</summary>
    private static async Task<Results<Created<MeasurementResponse>, ValidationProblem, ProblemHttpResult>> RecordAsync<TEvent>(
        Guid id, MeasureKind kind, DateOnly measuredOn, decimal? score, int? level, List<int> answers, CarePlansContext context,
        Func<CarePlan, Measurement, Measurement?, TEvent> announce, CancellationToken cancellationToken) where TEvent : class
    {
        var (plan, refusal) = await PlanChanges.BeginAsync(id, context, cancellationToken, revises: false);
        if (plan is null)
        {
            return refusal!;
        }

        var earlier = await context.Db.Measurements.AsNoTracking().Where(m => m.PlanId == id && m.Kind == kind).ToListAsync(cancellationToken);
        var baseline = earlier.SingleOrDefault(m => m.IsBaseline);
        var measurement = new Measurement
        {
            Id = Guid.CreateVersion7(context.Now), PlanId = plan.Id, Kind = kind, MeasuredOn = measuredOn, IsBaseline = baseline is null,
            Score = score, Level = level, Answers = answers, RecordedAt = context.Now, RecordedByUserId = context.UserId,
        };
        context.Db.Measurements.Add(measurement);
        context.Db.AddIntegrationEvent(announce(plan, measurement, baseline), context.Clock);
        await PlanChanges.SaveAsync(plan, context, "care-plan.measure", cancellationToken);
        var answer = MeasurementResponse.All([.. earlier, measurement]).Single(m => m.Id == measurement.Id);
        return TypedResults.Created($"/api/care-plans/{plan.Id}/measures", answer);
    }
}

public sealed record ActivationRequest(
    [property: Required, Range(typeof(decimal), "0", "100"), Description("The PAM score, 0 to 100, to one decimal place.")] [Display(Name = "score")] decimal? Score,
    [property: Required, NotInFuture] [Display(Name = "date measured")] DateOnly? MeasuredOn) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Score is { } score && decimal.Round(score, 1) != score)
        {
            yield return new ValidationResult("The score has at most one decimal place, as the PAM reports it.", [nameof(Score)]);
        }
    }
}

public sealed record Ons4Request(
    [property: Required, Range(0, 10), Description("Overall, how satisfied are you with your life nowadays? 0 (not at all) to 10 (completely).")] [Display(Name = "life satisfaction")] int? LifeSatisfaction,
    [property: Required, Range(0, 10), Description("Overall, to what extent do you feel that the things you do in your life are worthwhile?")] [Display(Name = "worthwhile")] int? Worthwhile,
    [property: Required, Range(0, 10), Description("Overall, how happy did you feel yesterday?")] [Display(Name = "happiness")] int? Happiness,
    [property: Required, Range(0, 10), Description("On a scale where 0 is not at all anxious and 10 is completely anxious, overall, how anxious did you feel yesterday?")] [Display(Name = "anxiety")] int? Anxiety,
    [property: Required, NotInFuture] [Display(Name = "date measured")] DateOnly? MeasuredOn)
{
    /// <summary>In the order of <see cref="Ons4Question"/>; worked out from the fields, never read from the body.</summary>
    [JsonIgnore]
    public List<int> Answers => [LifeSatisfaction!.Value, Worthwhile!.Value, Happiness!.Value, Anxiety!.Value];
}

public sealed record SwemwbsRequest(
    [property: Required, Range(1, 5), Description("I've been feeling optimistic about the future: 1 (none of the time) to 5 (all of the time).")] [Display(Name = "optimistic")] int? Optimistic,
    [property: Required, Range(1, 5), Description("I've been feeling useful.")] [Display(Name = "useful")] int? Useful,
    [property: Required, Range(1, 5), Description("I've been feeling relaxed.")] [Display(Name = "relaxed")] int? Relaxed,
    [property: Required, Range(1, 5), Description("I've been dealing with problems well.")] [Display(Name = "dealing with problems")] int? DealingWithProblems,
    [property: Required, Range(1, 5), Description("I've been thinking clearly.")] [Display(Name = "thinking clearly")] int? ThinkingClearly,
    [property: Required, Range(1, 5), Description("I've been feeling close to other people.")] [Display(Name = "close to others")] int? CloseToOthers,
    [property: Required, Range(1, 5), Description("I've been able to make up my own mind about things.")] [Display(Name = "making up my mind")] int? MakingUpMind,
    [property: Required, NotInFuture] [Display(Name = "date measured")] DateOnly? MeasuredOn)
{
    /// <summary>In the scale's published item order; worked out from the fields, never read from the body.</summary>
    [JsonIgnore]
    public List<int> Answers => [Optimistic!.Value, Useful!.Value, Relaxed!.Value, DealingWithProblems!.Value, ThinkingClearly!.Value, CloseToOthers!.Value, MakingUpMind!.Value];
}

public sealed record Ons4Answer(Ons4Question Question, int Answer, Ons4Band Band, int? ChangeSinceBaseline);

public sealed record MeasurementResponse(
    Guid Id,
    MeasureKind Kind,
    DateOnly MeasuredOn,
    bool IsBaseline,
    decimal? Score,
    int? Level,
    int? RawTotal,
    decimal? ChangeSinceBaseline,
    IReadOnlyList<Ons4Answer>? Ons4,
    IReadOnlyList<int> Answers,
    Guid? ReviewId)
{
    /// <summary>Every measure by kind then date, each follow-up with its change since its kind's baseline.</summary>
    public static List<MeasurementResponse> All(IReadOnlyList<Measurement> measures) =>
    [
        .. measures.OrderBy(m => m.Kind).ThenBy(m => m.MeasuredOn).ThenBy(m => m.RecordedAt).Select(m =>
        {
            var baseline = m.IsBaseline ? null : measures.SingleOrDefault(b => b.Kind == m.Kind && b.IsBaseline);
            return new MeasurementResponse(m.Id, m.Kind, m.MeasuredOn, m.IsBaseline, m.Score, m.Level,
                m.Kind == MeasureKind.Swemwbs ? m.Answers.Sum() : null,
                baseline is null ? null : m.Score - baseline.Score,
                m.Kind == MeasureKind.Ons4
                    ? [.. Enum.GetValues<Ons4Question>().Select((q, i) => new Ons4Answer(q, m.Answers[i], PersonalWellbeing.BandOf(q, m.Answers[i]),
                        baseline is null ? null : m.Answers[i] - baseline.Answers[i]))]
                    : null,
                m.Answers, m.ReviewId);
        }),
    ];
}

internal static class MeasureExamples
{
    public static readonly MeasurementResponse Pam = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000600"), MeasureKind.Pam, new DateOnly(2026, 6, 1), false,
        56.4m, 3, null, 9.3m, null, [], null);

    public static readonly MeasurementResponse Ons4 = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000601"), MeasureKind.Ons4, new DateOnly(2026, 3, 9), true,
        null, null, null, null,
        [new(Ons4Question.LifeSatisfaction, 5, Ons4Band.Medium, null), new(Ons4Question.Worthwhile, 6, Ons4Band.Medium, null),
         new(Ons4Question.Happiness, 7, Ons4Band.High, null), new(Ons4Question.Anxiety, 4, Ons4Band.Medium, null)], [5, 6, 7, 4], null);

    public static readonly MeasurementResponse Swemwbs = new(Guid.Parse("0193a1b2-7c00-7000-8000-000000000602"), MeasureKind.Swemwbs, new DateOnly(2026, 3, 9), true,
        19.25m, null, 21, null, null, [3, 3, 2, 3, 4, 3, 3], null);
}
