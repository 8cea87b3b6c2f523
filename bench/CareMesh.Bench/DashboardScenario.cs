using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CareMesh.AppHost;
using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Dashboard;
using CareMesh.AppHost.Telemetry;
using CareMesh.AppHost.Telemetry.Otlp;
using CareMesh.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareMesh.Bench;

/// <summary>
/// The app host's OTLP receiver and stores, in a process of their own (the dashboard exactly as the app
/// host wires it, over an app host that starts nothing): spans/s and log records/s it takes over
/// OTLP/HTTP protobuf from concurrent senders, its memory once every store is full at the default
/// limits, and the time its trace-list and 500-span-trace APIs take to answer.
/// </summary>
public static class DashboardScenario
{
    private const string HostCommand = "dashboard-host";
    private const string Token = "bench";
    private const int BatchSize = 512;

    public static async Task RunAsync(BenchArguments args)
    {
        var seconds = args.Int("seconds", 15);
        var senders = args.Int("senders", 4);
        var limits = new TelemetryLimits();
        var ports = (Page: TestServers.FreeLoopbackPort(), Http: TestServers.FreeLoopbackPort(), Grpc: TestServers.FreeLoopbackPort());
        Console.WriteLine($"dashboard: OTLP/HTTP protobuf into the app host's stores, {senders} senders, batches of {BatchSize}, on {Environment.ProcessorCount} cores");
        Console.WriteLine($"dashboard: default limits: {limits.MaxTraces} traces, {limits.MaxSpans} spans, {limits.MaxLogs} log records, {limits.MaxSeries} series x {limits.MaxPointsPerSeries} points");

        using var host = StartHost(ports);
        using var otlp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Http}") };
        otlp.DefaultRequestHeaders.Add(DashboardOptions.OtlpApiKeyHeader, Token);
        using var dashboard = await SignInAsync(ports.Page);
        Console.WriteLine($"dashboard: host process {host.Id}, idle: {Memory(host)}");

        // Batches as an exporter sends them: 64 traces of 8 spans, or 512 log records, each with unique ids;
        // more batches than the stores hold, so every pass evicts the oldest.
        var spanBatches = Enumerable.Range(0, (limits.MaxSpans / BatchSize) + 20).Select(_ => SpanBatch()).ToArray();
        var logBatches = Enumerable.Range(0, (limits.MaxLogs / BatchSize) + 20).Select(_ => OtlpSamples.Logs("referrals", BatchSize, traceId: OtlpSamples.NewTraceId()).ToByteArray()).ToArray();

        var spans = await SendAsync(otlp, "/v1/traces", spanBatches, senders, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"spans: {spans.Batches * BatchSize / spans.Elapsed.TotalSeconds:F0} spans/s ({spans.Batches * BatchSize} spans in {spans.Elapsed.TotalSeconds:F1} s, {spans.Failures} failed requests); batch {Statistics.Describe(spans.Latencies)}");
        var logs = await SendAsync(otlp, "/v1/logs", logBatches, senders, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"logs: {logs.Batches * BatchSize / logs.Elapsed.TotalSeconds:F0} log records/s ({logs.Batches * BatchSize} records in {logs.Elapsed.TotalSeconds:F1} s, {logs.Failures} failed requests); batch {Statistics.Describe(logs.Latencies)}");

        await FillMetricsAsync(otlp, limits);
        var large = OtlpSamples.NewTraceId();
        await PostAsync(otlp, "/v1/traces", OtlpSamples.Trace("referrals", 500, large).ToByteArray());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Console.WriteLine($"full stores: {Memory(host)}");

        var list = await TimeAsync(dashboard, "/api/traces?limit=200");
        var waterfall = await TimeAsync(dashboard, $"/api/traces/{Convert.ToHexStringLower(large.Span)}");
        Console.WriteLine($"api: trace list (200 newest of {limits.MaxTraces}) {Statistics.Describe(list)}");
        Console.WriteLine($"api: 500-span trace {Statistics.Describe(waterfall)}");
        Console.WriteLine("render: measured in Chromium by the browser test A_500_span_trace_renders_as_a_waterfall_of_500_rows (artifacts/dashboard/render-times.txt)");

        host.Kill();
        await host.WaitForExitAsync();
    }

    /// <summary>The child process: the dashboard as the app host wires it, over an app host that starts nothing.</summary>
    public static async Task<int> HostAsync(string[] args)
    {
        if (args is not [HostCommand, var page, var http, var grpc])
        {
            Console.Error.WriteLine($"usage: {HostCommand} <page port> <otlp http port> <otlp grpc port>");
            return 2;
        }

        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(CareMeshApp.Create(new AppHostOptions
        {
            PostgresConnectionString = TestServers.Postgres,
            MessagingConnectionString = TestServers.Messaging.ToString(),
        }));
        builder.AddDashboard(new DashboardOptions
        {
            Port = int.Parse(page, CultureInfo.InvariantCulture),
            OtlpHttpPort = int.Parse(http, CultureInfo.InvariantCulture),
            OtlpGrpcPort = int.Parse(grpc, CultureInfo.InvariantCulture),
            BrowserToken = Token,
            OtlpApiKey = Token,
        });
        var app = builder.Build();
        app.MapDashboard();
        await app.RunAsync();
        return 0;
    }

    public static bool IsHostCommand(string[] args) => args is [HostCommand, ..];

    private static Process StartHost((int Page, int Http, int Grpc) ports)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("CareMesh.Bench", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(DashboardScenario).Assembly.Location);
        }

        foreach (var argument in new[] { HostCommand, $"{ports.Page}", $"{ports.Http}", $"{ports.Grpc}" })
        {
            start.ArgumentList.Add(argument);
        }

        // The app host runs with the workstation collector (the default); the bench itself uses the server one.
        start.Environment["DOTNET_gcServer"] = "0";
        return Process.Start(start)!;
    }

    private static async Task<HttpClient> SignInAsync(int port)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                (await client.GetAsync($"/login?t={Token}")).EnsureSuccessStatusCode();
                return client;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static byte[] SpanBatch()
    {
        var batch = OtlpSamples.Trace("referrals", 8);
        var spans = batch.ResourceSpans[0].ScopeSpans[0].Spans;
        while (spans.Count < BatchSize)
        {
            spans.AddRange(OtlpSamples.Trace("referrals", 8).ResourceSpans[0].ScopeSpans[0].Spans);
        }

        return batch.ToByteArray();
    }

    private sealed record Sent(int Batches, int Failures, TimeSpan Elapsed, List<double> Latencies);

    /// <summary>Closed loops, one per sender, each posting the next batch as soon as the last was answered.</summary>
    private static async Task<Sent> SendAsync(HttpClient client, string path, byte[][] batches, int senders, TimeSpan duration)
    {
        var next = -1;
        var failures = 0;
        var latencies = new List<double>();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (stopwatch.Elapsed < duration)
            {
                var batch = batches[(Interlocked.Increment(ref next) & int.MaxValue) % batches.Length];
                var started = Stopwatch.GetTimestamp();
                if (!await PostAsync(client, path, batch))
                {
                    Interlocked.Increment(ref failures);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        })));
        return new Sent(latencies.Count - failures, failures, stopwatch.Elapsed, latencies);
    }

    private static async Task<bool> PostAsync(HttpClient client, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await client.PostAsync(path, content);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Every series the store takes, each with as many points as it keeps: http.server.request.duration histograms with the SDK's 15 buckets.</summary>
    private static async Task FillMetricsAsync(HttpClient client, TelemetryLimits limits)
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-limits.MaxPointsPerSeries);
        double[] bounds = [0, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
        for (var point = 0; point < limits.MaxPointsPerSeries; point++)
        {
            var request = new ExportMetricsServiceRequest();
            foreach (var service in new[] { "referrals", "careplans", "directory", "meetings", "gateway" })
            {
                var histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative };
                for (var route = 0; route < limits.MaxSeries / 5; route++)
                {
                    histogram.DataPoints.Add(new HistogramDataPoint
                    {
                        StartTimeUnixNano = OtlpSamples.UnixNano(start),
                        TimeUnixNano = OtlpSamples.UnixNano(start.AddSeconds(point)),
                        Count = (ulong)(point * 16),
                        Sum = point * 0.2,
                        ExplicitBounds = { bounds },
                        BucketCounts = { Enumerable.Repeat((ulong)point, bounds.Length + 1) },
                        Attributes = { OtlpSamples.Attribute("http.route", $"/api/route/{route}"), OtlpSamples.Attribute("http.response.status_code", 200) },
                    });
                }

                request.ResourceMetrics.Add(new ResourceMetrics
                {
                    Resource = OtlpSamples.Service(service),
                    ScopeMetrics = { new ScopeMetrics { Metrics = { new Metric { Name = "http.server.request.duration", Unit = "s", Histogram = histogram } } } },
                });
            }

            await PostAsync(client, "/v1/metrics", request.ToByteArray());
        }
    }

    private static async Task<List<double>> TimeAsync(HttpClient client, string path)
    {
        var times = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return times.Skip(5).ToList();
    }

    /// <summary>Resident memory now and at its peak, from /proc.</summary>
    private static string Memory(Process process)
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        string Field(string name) => status.First(line => line.StartsWith(name, StringComparison.Ordinal)).Split(':')[1].Trim();
        static string Mb(string kb) => $"{long.Parse(kb.Split(' ')[0], CultureInfo.InvariantCulture) / 1024} MB";
        return $"RSS {Mb(Field("VmRSS"))} (peak {Mb(Field("VmHWM"))})";
    }
}
