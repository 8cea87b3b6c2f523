using System.IO.Pipelines;
using CareMesh.AppHost.Telemetry.Otlp;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CareMesh.AppHost.Telemetry;

/// <summary>
/// OTLP over HTTP/protobuf (<c>POST /v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>), as the services'
/// exporters send it when the app host sets <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>.
/// </summary>
public static class OtlpHttpReceiver
{
    private const string Protobuf = "application/x-protobuf";

    public static IEndpointConventionBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints)
    {
        var otlp = endpoints.MapGroup("/v1").AllowAnonymous();
        otlp.MapPost("/traces", (HttpContext context, TelemetryIngest ingest) =>
            ReceiveAsync(context, ExportTraceServiceRequest.Parser, request => ingest.Accept(request), new ExportTraceServiceResponse()));
        otlp.MapPost("/logs", (HttpContext context, TelemetryIngest ingest) =>
            ReceiveAsync(context, ExportLogsServiceRequest.Parser, request => ingest.Accept(request), new ExportLogsServiceResponse()));
        otlp.MapPost("/metrics", (HttpContext context, TelemetryIngest ingest) =>
            ReceiveAsync(context, ExportMetricsServiceRequest.Parser, request => ingest.Accept(request), new ExportMetricsServiceResponse()));
        return otlp;
    }

    private static async Task<IResult> ReceiveAsync<TRequest>(HttpContext context, MessageParser<TRequest> parser, Action<TRequest> accept, IMessage response)
        where TRequest : IMessage<TRequest>
    {
        if (context.Request.ContentType?.Split(';')[0].Trim() != Protobuf)
        {
            return TypedResults.Problem(
                $"This receiver takes OTLP as {Protobuf} (set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        TRequest request;
        try
        {
            request = await ParseAsync(context.Request.BodyReader, parser, context.RequestAborted);
        }
        catch (InvalidProtocolBufferException e)
        {
            return TypedResults.Problem($"The body is not an OTLP export request: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        accept(request);
        return TypedResults.Bytes(response.ToByteArray(), Protobuf);
    }

    private static async Task<T> ParseAsync<T>(PipeReader reader, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted)
            {
                try
                {
                    return parser.ParseFrom(read.Buffer);
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            // Nothing consumed until the whole body is in: the parser takes it as one sequence.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}

/// <summary>OTLP over gRPC: the collector's three services.</summary>
internal sealed class OtlpTraceService(TelemetryIngest ingest) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        ingest.Accept(request);
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}

internal sealed class OtlpLogsService(TelemetryIngest ingest) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        ingest.Accept(request);
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}

internal sealed class OtlpMetricsService(TelemetryIngest ingest) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        ingest.Accept(request);
        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}
