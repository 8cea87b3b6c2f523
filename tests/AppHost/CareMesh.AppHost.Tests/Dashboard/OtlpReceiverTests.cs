using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.AppHost.Dashboard;
using CareMesh.AppHost.Telemetry.Otlp;
using CareMesh.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace CareMesh.AppHost.Tests.Dashboard;

/// <summary>OTLP sent as services send it, over HTTP/protobuf and gRPC, read back through the dashboard's APIs.</summary>
public sealed class OtlpReceiverTests : IAsyncLifetime
{
    private DashboardHost host = null!;

    public async Task InitializeAsync() => host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Spans_logs_and_metrics_posted_as_http_protobuf_reach_the_dashboard()
    {
        using var otlp = host.OtlpHttp();
        var traceId = OtlpSamples.NewTraceId();
        var hex = Convert.ToHexStringLower(traceId.Span);

        var traces = await otlp.PostAsync("/v1/traces", Protobuf(OtlpSamples.Trace("referrals", 12, traceId)));
        var logs = await otlp.PostAsync("/v1/logs", Protobuf(OtlpSamples.Logs("referrals", 3, traceId: traceId)));
        var metrics = await otlp.PostAsync("/v1/metrics", Protobuf(OtlpSamples.Metrics("referrals", OtlpSamples.Gauge("caremesh.outbox.pending", 4, DateTimeOffset.UtcNow))));

        Assert.Equal(HttpStatusCode.OK, traces.StatusCode);
        Assert.Equal(HttpStatusCode.OK, logs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("application/x-protobuf", traces.Content.Headers.ContentType?.MediaType);
        ExportTraceServiceResponse.Parser.ParseFrom(await traces.Content.ReadAsByteArrayAsync());

        using var dashboard = await host.SignedInAsync();
        var trace = await dashboard.GetFromJsonAsync<JsonElement>($"/api/traces/{hex}");
        Assert.Equal(12, trace.GetProperty("spans").GetArrayLength());
        Assert.Equal(3, trace.GetProperty("logCount").GetInt32());
        var root = trace.GetProperty("spans")[0];
        Assert.Equal("GET /api/referrals", root.GetProperty("name").GetString());
        Assert.Equal("server", root.GetProperty("kind").GetString());
        Assert.Equal("request.started", root.GetProperty("events")[0].GetProperty("name").GetString());
        Assert.Equal(1, trace.GetProperty("spans")[1].GetProperty("depth").GetInt32());
        Assert.Equal(2, trace.GetProperty("spans")[2].GetProperty("depth").GetInt32());

        var entries = await dashboard.GetFromJsonAsync<JsonElement>($"/api/logs?traceId={hex}");
        Assert.Equal(3, entries.GetArrayLength());
        Assert.Equal("Referral 2 received", entries[0].GetProperty("message").GetString());

        var instruments = await dashboard.GetFromJsonAsync<JsonElement>("/api/metrics/referrals");
        Assert.Equal("caremesh.outbox.pending", instruments[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Spans_logs_and_metrics_exported_over_grpc_reach_the_stores()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{host.Options.OtlpGrpcPort}");
        var invoker = channel.CreateCallInvoker();
        var withKey = new CallOptions(new Metadata { { DashboardOptions.OtlpApiKeyHeader, DashboardHost.OtlpApiKey } });

        await invoker.AsyncUnaryCall(Export<ExportTraceServiceRequest, ExportTraceServiceResponse>("trace", "TraceService"), null, withKey,
            OtlpSamples.Trace("careplans", 5));
        await invoker.AsyncUnaryCall(Export<ExportLogsServiceRequest, ExportLogsServiceResponse>("logs", "LogsService"), null, withKey,
            OtlpSamples.Logs("careplans", 2));
        await invoker.AsyncUnaryCall(Export<ExportMetricsServiceRequest, ExportMetricsServiceResponse>("metrics", "MetricsService"), null, withKey,
            OtlpSamples.Metrics("careplans", OtlpSamples.Gauge("caremesh.outbox.pending", 1, DateTimeOffset.UtcNow)));

        Assert.Equal((1, 5), host.Telemetry.Traces.Counts);
        Assert.Equal(2, host.Telemetry.Logs.Count);
        Assert.Equal(1, host.Telemetry.Metrics.Latest("careplans", "caremesh.outbox.pending"));
    }

    [Fact]
    public async Task Telemetry_without_the_app_hosts_key_is_refused_over_both_transports()
    {
        using var withoutKey = host.OtlpHttp(withKey: false);
        using var wrongKey = host.OtlpHttp(withKey: false);
        wrongKey.DefaultRequestHeaders.Add(DashboardOptions.OtlpApiKeyHeader, DashboardHost.OtlpApiKey + "x");
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{host.Options.OtlpGrpcPort}");

        var missing = await withoutKey.PostAsync("/v1/traces", Protobuf(OtlpSamples.Trace("referrals", 3)));
        var wrong = await wrongKey.PostAsync("/v1/logs", Protobuf(OtlpSamples.Logs("referrals", 3)));
        var grpc = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(
            Export<ExportTraceServiceRequest, ExportTraceServiceResponse>("trace", "TraceService"), null, new CallOptions(), OtlpSamples.Trace("referrals", 3)).ResponseAsync);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, grpc.StatusCode);
        Assert.Equal((0, 0), host.Telemetry.Traces.Counts);
        Assert.Equal(0, host.Telemetry.Logs.Count);
    }

    [Fact]
    public async Task A_body_that_is_not_otlp_protobuf_is_refused_with_a_problem_and_stores_nothing()
    {
        using var otlp = host.OtlpHttp();

        var json = await otlp.PostAsync("/v1/traces", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var garbage = await otlp.PostAsync("/v1/traces", Protobuf([0x0a, 0xff, 0xff, 0xff]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("application/problem+json", garbage.Content.Headers.ContentType?.MediaType);
        Assert.Equal((0, 0), host.Telemetry.Traces.Counts);
    }

    [Fact]
    public async Task Otlp_is_received_only_on_its_own_port_and_the_page_is_not_served_there()
    {
        using var dashboard = await host.SignedInAsync();
        using var otlp = host.OtlpHttp();

        var onDashboardPort = await dashboard.PostAsync("/v1/traces", Protobuf(OtlpSamples.Trace("referrals", 1)));
        var pageOnOtlpPort = await otlp.GetAsync("/api/resources");

        Assert.Equal(HttpStatusCode.NotFound, onDashboardPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pageOnOtlpPort.StatusCode);
        Assert.Equal((0, 0), host.Telemetry.Traces.Counts);
    }

    private static ByteArrayContent Protobuf(IMessage message) => Protobuf(message.ToByteArray());

    private static ByteArrayContent Protobuf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return content;
    }

    /// <summary>The collector's Export method by its wire name, as any OTLP gRPC exporter calls it.</summary>
    private static Method<TRequest, TResponse> Export<TRequest, TResponse>(string signal, string service)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new() =>
        new(MethodType.Unary, $"opentelemetry.proto.collector.{signal}.v1.{service}", "Export",
            Marshallers.Create(message => message.ToByteArray(), bytes => new MessageParser<TRequest>(() => new TRequest()).ParseFrom(bytes)),
            Marshallers.Create(message => message.ToByteArray(), bytes => new MessageParser<TResponse>(() => new TResponse()).ParseFrom(bytes)));
}
