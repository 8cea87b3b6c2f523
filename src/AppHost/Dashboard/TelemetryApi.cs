using CareMesh.AppHost.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CareMesh.AppHost.Dashboard;

public sealed record WaterfallSpan(
    string SpanId,
    string ParentSpanId,
    string Resource,
    string Scope,
    string Name,
    string Kind,
    double OffsetMs,
    double DurationMs,
    bool IsError,
    string StatusMessage,
    int Depth,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    IReadOnlyList<WaterfallEvent> Events);

public sealed record WaterfallEvent(string Name, double OffsetMs, IReadOnlyList<KeyValuePair<string, string>> Attributes);

public sealed record TraceView(string TraceId, DateTimeOffset Start, double DurationMs, IReadOnlyList<string> Resources, int LogCount, IReadOnlyList<WaterfallSpan> Spans)
{
    /// <summary>Spans in tree order (each parent before its children, siblings by start); spans whose parent never arrived sit at the top level.</summary>
    public static TraceView Of(string traceId, IReadOnlyList<SpanRecord> spans, int logCount)
    {
        var start = spans.Min(span => span.StartUnixNano);
        var end = spans.Max(span => span.EndUnixNano);
        var ids = spans.Select(span => span.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans
            .Where(span => !span.IsRoot && ids.Contains(span.ParentSpanId))
            .GroupBy(span => span.ParentSpanId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderBy(span => span.StartUnixNano).ToList(), StringComparer.Ordinal);
        var ordered = new List<WaterfallSpan>(spans.Count);
        var pending = new Stack<(SpanRecord Span, int Depth)>(
            spans.Where(span => span.IsRoot || !ids.Contains(span.ParentSpanId)).OrderByDescending(span => span.StartUnixNano).Select(span => (span, 0)));
        while (pending.TryPop(out var item))
        {
            var (span, depth) = item;
            ordered.Add(new WaterfallSpan(
                span.SpanId, span.ParentSpanId, span.Resource, span.Scope, span.Name, span.Kind,
                (span.StartUnixNano - start) / 1e6, (span.EndUnixNano - span.StartUnixNano) / 1e6,
                span.IsError, span.StatusMessage, depth, span.Attributes,
                [.. span.Events.Select(e => new WaterfallEvent(e.Name, (e.TimeUnixNano - start) / 1e6, e.Attributes))]));
            foreach (var child in Enumerable.Reverse(children.GetValueOrDefault(span.SpanId) ?? []))
            {
                pending.Push((child, depth + 1));
            }
        }

        return new TraceView(
            traceId, DateTimeOffset.FromUnixTimeMilliseconds(start / 1_000_000), (end - start) / 1e6,
            [.. spans.Select(span => span.Resource).Distinct()], logCount, ordered);
    }
}

public sealed record InstrumentView(string Resource, InstrumentInfo Instrument, IReadOnlyList<Chart> Charts);

/// <summary>Traces, structured logs and metrics received over OTLP.</summary>
public static class TelemetryApi
{
    private const int MaxLimit = 5_000;

    public static RouteGroupBuilder MapTelemetryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/traces", ListTraces);
        api.MapGet("/traces/{traceId}", GetTrace);
        api.MapGet("/logs", QueryLogs);
        api.MapGet("/metrics", (TelemetryIngest telemetry) => TypedResults.Ok(telemetry.Metrics.Resources()));
        api.MapGet("/metrics/{resource}", (string resource, TelemetryIngest telemetry) => TypedResults.Ok(telemetry.Metrics.InstrumentsOf(resource)));
        api.MapGet("/metrics/{resource}/{instrument}", GetInstrument);
        return api;
    }

    private static Results<Ok<IReadOnlyList<TraceSummary>>, ProblemHttpResult> ListTraces(
        TelemetryIngest telemetry, string? resource, string? text, bool? errorsOnly, int? limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return BadRequest($"limit must be between 1 and {MaxLimit}.");
        }

        return TypedResults.Ok(telemetry.Traces.List(new TraceQuery(Blank(resource), Blank(text), errorsOnly ?? false, limit ?? 200)));
    }

    private static Results<Ok<TraceView>, ProblemHttpResult> GetTrace(string traceId, TelemetryIngest telemetry)
    {
        var spans = telemetry.Traces.Get(traceId.ToLowerInvariant());
        if (spans is null)
        {
            return TypedResults.Problem($"No trace {traceId} is kept (it may have been dropped as newer ones came in).", statusCode: StatusCodes.Status404NotFound);
        }

        var logCount = telemetry.Logs.Query(new LogQuery(TraceId: traceId.ToLowerInvariant(), Limit: MaxLimit)).Count;
        return TypedResults.Ok(TraceView.Of(traceId.ToLowerInvariant(), spans, logCount));
    }

    private static Results<Ok<IReadOnlyList<LogEntry>>, ProblemHttpResult> QueryLogs(
        TelemetryIngest telemetry, string? resource, string? level, string? text, DateTimeOffset? from, DateTimeOffset? to, string? traceId, int? limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return BadRequest($"limit must be between 1 and {MaxLimit}.");
        }

        var minimum = 0;
        if (Blank(level) is { } name)
        {
            if (LogEntry.MinimumSeverityOf(name) is not { } known)
            {
                return BadRequest($"'{name}' is not a level: use trace, debug, information, warning, error or critical.");
            }

            minimum = known;
        }

        if (from > to)
        {
            return BadRequest("from must not be after to.");
        }

        return TypedResults.Ok(telemetry.Logs.Query(new LogQuery(
            Blank(resource), minimum, Blank(text), from, to, Blank(traceId)?.ToLowerInvariant(), limit ?? 500)));
    }

    private static Results<Ok<InstrumentView>, ProblemHttpResult> GetInstrument(string resource, string instrument, TelemetryIngest telemetry)
    {
        var data = telemetry.Metrics.Get(resource, instrument);
        return data is null
            ? TypedResults.Problem($"{resource} has reported no instrument named '{instrument}'.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new InstrumentView(resource, data.Info, MetricCharts.For(data)));
    }

    private static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
