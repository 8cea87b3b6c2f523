using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Bench;

/// <summary>
/// The same small authenticated GET (<c>/api/meetings</c> as a care coordinator) sent straight to the
/// meetings service and through the gateway, with the platform started by the app host as separate
/// processes: throughput under saturation, then latency at a few fixed moderate rates.
/// </summary>
public static partial class GatewayScenario
{
    private const string MeetingsPath = "/api/meetings";
    private const int CheckRequests = 500;

    public static async Task RunAsync(BenchArguments args)
    {
        var seconds = args.Int("seconds", 15);
        var connections = args.Int("connections", 32);
        var threads = args.Int("threads", 2);
        // Per path; the gateway's added latency falls as the rate rises (warmer caches), so one figure is not enough.
        int[] rates = [.. args.Text("rates", "50,100,200").Split(',').Select(rate => int.Parse(rate, CultureInfo.InvariantCulture))];
        var rateSeconds = args.Int("rate-seconds", 20);
        var warmup = args.Int("warmup", 10);

        // The gateway's per-user limit (600 a minute) would answer nearly every benchmark request with
        // 429; the app host's processes inherit this process's environment.
        Environment.SetEnvironmentVariable("Gateway__PerUser__PermitLimit", "100000000");

        await using var platform = await TestPlatform.StartAsync("bench");
        var token = platform.TokenFor(CareMeshRoles.CareCoordinator);
        var direct = new Uri(platform.EndpointOf("meetings"), MeetingsPath);
        var gateway = new Uri(new Uri(platform.GatewayUrl), MeetingsPath);
        using var directClient = Client(token);
        using var gatewayClient = Client(token);

        Console.WriteLine($"gateway: GET {MeetingsPath} as a care coordinator, direct {direct} vs through gateway {gateway}; " +
                          $"load generator, gateway, meetings service and PostgreSQL share these {Environment.ProcessorCount} cores");
        await CheckAsync(directClient, direct);
        await CheckAsync(gatewayClient, gateway);

        await ThroughputAsync(directClient, direct, gatewayClient, gateway, token, threads, connections,
            TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup));
        foreach (var rate in rates)
        {
            await FixedRateAsync(directClient, direct, gatewayClient, gateway, rate, TimeSpan.FromSeconds(rateSeconds));
        }
    }

    /// <summary>
    /// Every one of a few hundred requests must answer 200 (not 401, not 429) before anything is measured;
    /// they also warm this process's own client, which the fixed-rate phase uses even when wrk does the throughput.
    /// </summary>
    private static async Task CheckAsync(HttpClient client, Uri url)
    {
        await Parallel.ForAsync(0, CheckRequests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, cancellationToken) =>
        {
            using var response = await client.GetAsync(url, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException(
                    $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });
    }

    private static async Task ThroughputAsync(HttpClient directClient, Uri direct, HttpClient gatewayClient, Uri gateway, string token,
        int threads, int connections, TimeSpan duration, TimeSpan warmup)
    {
        string tool;
        Func<HttpClient, Uri, TimeSpan, Task<Load>> load;
        if (OnPath("wrk"))
        {
            tool = $"wrk -t{threads} -c{connections}";
            load = (_, url, period) => WrkAsync(url, token, threads, connections, period);
        }
        else
        {
            // An in-process client spends more of the shared cores than wrk would, so figures read lower.
            Console.WriteLine($"gateway: wrk not found (install it: apt-get install -y wrk); throughput falls back to an in-process closed loop of {connections} connections");
            tool = $"in-process closed loop, {connections} connections";
            load = (client, url, period) => ClosedLoopAsync(client, url, connections, period);
        }

        // Tiered JIT and the other services' start-up settle only under sustained load: a first cold
        // run read at half its steady rate.
        await load(directClient, direct, warmup);
        await load(gatewayClient, gateway, warmup);
        var directLoad = await load(directClient, direct, duration);
        var gatewayLoad = await load(gatewayClient, gateway, duration);

        Console.WriteLine($"gateway: throughput ({tool}, {duration.TotalSeconds:F0} s each after {warmup.TotalSeconds:F0} s of warm-up): direct {directLoad.RequestsPerSecond:F0} req/s, " +
                          $"through gateway {gatewayLoad.RequestsPerSecond:F0} req/s (ratio {gatewayLoad.RequestsPerSecond / directLoad.RequestsPerSecond:F2}), " +
                          $"errors {directLoad.Errors}/{gatewayLoad.Errors}");
        Console.WriteLine($"gateway: saturated: direct p50 {directLoad.P50Ms:F2} ms p99 {directLoad.P99Ms:F2} ms (n={directLoad.Requests}); " +
                          $"gateway p50 {gatewayLoad.P50Ms:F2} ms p99 {gatewayLoad.P99Ms:F2} ms (n={gatewayLoad.Requests})");
    }

    /// <summary>
    /// An open loop sending each path <paramref name="rate"/> requests/s, interleaved request by request
    /// (direct, gateway, direct...), so both paths see the same machine at every moment; latency is timed from each send.
    /// </summary>
    private static async Task FixedRateAsync(HttpClient directClient, Uri direct, HttpClient gatewayClient, Uri gateway, int rate, TimeSpan perPath)
    {
        var interval = TimeSpan.FromSeconds(1.0 / (2 * rate));
        var total = (int)(rate * perPath.TotalSeconds) * 2;
        var latencies = new double[total];
        var ok = new bool[total];
        var inFlight = new List<Task>(total);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            if (due > stopwatch.Elapsed)
            {
                await Task.Delay(due - stopwatch.Elapsed);
            }

            inFlight.Add(ViaGateway(i)
                ? TimeOneAsync(gatewayClient, gateway, latencies, ok, i)
                : TimeOneAsync(directClient, direct, latencies, ok, i));
        }

        await Task.WhenAll(inFlight);

        static bool ViaGateway(int request) => request % 2 == 1;
        List<double> Sorted(bool viaGateway) =>
            [.. Enumerable.Range(0, total).Where(i => ViaGateway(i) == viaGateway && ok[i]).Select(i => latencies[i]).Order()];
        int Errors(bool viaGateway) => Enumerable.Range(0, total).Count(i => ViaGateway(i) == viaGateway && !ok[i]);

        var directSorted = Sorted(false);
        var gatewaySorted = Sorted(true);
        var (directP50, directP99) = (Statistics.Percentile(directSorted, 50), Statistics.Percentile(directSorted, 99));
        var (gatewayP50, gatewayP99) = (Statistics.Percentile(gatewaySorted, 50), Statistics.Percentile(gatewaySorted, 99));
        Console.WriteLine($"gateway: at {rate} req/s per path ({perPath.TotalSeconds:F0} s, interleaved request by request): " +
                          $"direct p50 {directP50:F2} ms p99 {directP99:F2} ms (n={directSorted.Count}); " +
                          $"gateway p50 {gatewayP50:F2} ms p99 {gatewayP99:F2} ms (n={gatewaySorted.Count}); " +
                          $"added p50 {gatewayP50 - directP50:F2} ms, p99 {gatewayP99 - directP99:F2} ms; errors {Errors(false)}/{Errors(true)}");
    }

    private static async Task TimeOneAsync(HttpClient client, Uri url, double[] latencies, bool[] ok, int index)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync(url);
            latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            ok[index] = response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            ok[index] = false;
        }
    }

    private static async Task<Load> ClosedLoopAsync(HttpClient client, Uri url, int connections, TimeSpan duration)
    {
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            var latencies = new List<double>();
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(url);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            return latencies;
        }).ToList();
        var sorted = (await Task.WhenAll(workers)).SelectMany(latencies => latencies).Order().ToList();
        return new Load(sorted.Count / stopwatch.Elapsed.TotalSeconds, sorted.Count, errors, Statistics.Percentile(sorted, 50), Statistics.Percentile(sorted, 99));
    }

    private static async Task<Load> WrkAsync(Uri url, string token, int threads, int connections, TimeSpan duration)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[$"-t{threads}", $"-c{connections}", $"-d{duration.TotalSeconds:F0}s", "--latency",
                     "-H", $"Authorization: Bearer {token}", url.ToString()])
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start)!;
        var output = wrk.StandardOutput.ReadToEndAsync();
        var error = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {wrk.ExitCode}: {await error}");
        }

        var text = await output;
        // wrk prints the non-2xx/3xx and socket error lines only when there is something to count.
        var errors = Sum(NonSuccess().Match(text)) + Sum(SocketErrors().Match(text));
        return new Load(
            double.Parse(RequestsPerSecond().Match(text).Groups[1].Value, CultureInfo.InvariantCulture),
            Sum(Requests().Match(text)),
            errors,
            Milliseconds(Median().Match(text)),
            Milliseconds(P99().Match(text)));
    }

    private static long Sum(Match counts) =>
        counts.Success ? counts.Groups.Values.Skip(1).Sum(group => long.Parse(group.Value, CultureInfo.InvariantCulture)) : 0;

    /// <summary>wrk's latency, e.g. <c>812.00us</c>, <c>1.25ms</c>, <c>2.01s</c>, in milliseconds.</summary>
    private static double Milliseconds(Match latency)
    {
        var value = double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture);
        return latency.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            var unit => throw new InvalidOperationException($"wrk reported a latency in '{unit}'"),
        };
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));

    private static HttpClient Client(string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Median();

    [GeneratedRegex(@"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    private sealed record Load(double RequestsPerSecond, long Requests, long Errors, double P50Ms, double P99Ms);
}
