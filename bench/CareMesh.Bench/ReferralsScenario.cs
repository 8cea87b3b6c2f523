using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CareMesh.Bench;

/// <summary>
/// The referral workflow under a busy PCN's data, with the whole platform up and every request
/// through the gateway: intake at each of a few fixed rates (an open loop, each request timed from its send to
/// its body read), then one member's caseload (250 open referrals among 100,000) and the team lead's
/// balance over 20 members, read one at a time as a team lead would.
/// </summary>
public static class ReferralsScenario
{
    public static async Task RunAsync(BenchArguments args)
    {
        var rates = args.Text("rates", "50,300").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var seconds = args.Int("seconds", 20);
        var requests = args.Int("requests", 300);
        var warmup = args.Int("warmup", 50);
        var referrals = args.Int("referrals", 100_000);
        // Some phases alone, to compare a change on a quiet moment: intake, caseload, team.
        var phases = args.Text("phases", "intake,caseload,team").Split(',');
        Environment.SetEnvironmentVariable("Gateway__PerUser__PermitLimit", "100000000");

        await using var platform = await TestPlatform.StartAsync("referralsbench");
        await using (var connection = new NpgsqlConnection(platform.ConnectionStringOf("referralsdb")))
        {
            await connection.OpenAsync();
            await using var seed = new NpgsqlCommand(SyntheticReferrals.Sql(referrals, members: 20, openPerMember: 250), connection) { CommandTimeout = 600 };
            await seed.ExecuteNonQueryAsync();
        }

        var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 256 };
        using var coordinator = Client(handler, platform, CareMeshRoles.CareCoordinator);
        using var lead = Client(handler, platform, CareMeshRoles.TeamLead);
        Console.WriteLine($"referrals: through the gateway {coordinator.BaseAddress}; {referrals:N0} referrals, 20 members with 250 open each; " +
                          $"load generator, gateway, four services, PostgreSQL and RabbitMQ share these {Environment.ProcessorCount} cores");

        for (var i = 0; i < warmup; i++)
        {
            (await Intake(coordinator, i)).EnsureSuccessStatusCode();
        }

        var offset = warmup;
        // The first rate for a minute, reported apart: just started, the processes run tier-0 code and their JIT
        // competes for the cores for tens of seconds; the figures are for a platform that has been running.
        var warmupSeconds = args.Int("warmup-seconds", 60);
        if (phases.Contains("intake") && warmupSeconds > 0)
        {
            await IntakeAtRateAsync(coordinator, "warm-up", rates[0], warmupSeconds, offset);
            offset += rates[0] * warmupSeconds;
        }

        foreach (var rate in phases.Contains("intake") ? rates : [])
        {
            await IntakeAtRateAsync(coordinator, "measured", rate, seconds, offset);
            offset += rate * seconds;
        }

        if (phases.Contains("caseload"))
        {
            await ReadAsync(lead, "caseload of member-7 (250 open, page of 50)", "/api/caseload?member=member-7", requests, warmup);
            await ReadAsync(lead, "caseload of member-7 (250 open, page of 200)", "/api/caseload?member=member-7&pageSize=200", requests, warmup);
        }

        if (phases.Contains("team"))
        {
            await ReadAsync(lead, "team balance (20 members)", "/api/caseload/team", requests, warmup);
        }
    }

    private static HttpClient Client(HttpMessageHandler handler, TestPlatform platform, string role)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(platform.GatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.TokenFor(role, "Y00001"));
        return client;
    }

    /// <summary>An open loop: request i is sent at start + i/rate whether or not earlier ones have answered.</summary>
    private static async Task IntakeAtRateAsync(HttpClient client, string label, int rate, int seconds, int offset)
    {
        var total = rate * seconds;
        var timings = new ConcurrentBag<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var n = offset + i;
            inFlight.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await Intake(client, n);
                    await response.Content.ReadAsByteArrayAsync();
                    timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Refused, reset or not answered within the client's timeout: an error, not a timing.
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        var sent = clock.Elapsed;
        await Task.WhenAll(inFlight);
        var answered = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"referrals: ({label}) intake at {rate}/s for {seconds} s: sent {total} in {sent.TotalSeconds:F1} s, all answered in {answered.TotalSeconds:F1} s " +
            $"({(total - errors) / answered.TotalSeconds:F0}/s created), {errors} errors (timeout 30 s); {Statistics.Describe(timings)}"));
    }

    private static async Task ReadAsync(HttpClient client, string name, string path, int requests, int warmup)
    {
        for (var i = 0; i < warmup; i++)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }

        var timings = new List<double>(requests);
        var size = 0;
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            size = (await response.Content.ReadAsByteArrayAsync()).Length;
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
            }
        }

        Console.WriteLine($"referrals: {name}: {Statistics.Describe(timings)}; {size:N0} bytes");
    }

    private static Task<HttpResponseMessage> Intake(HttpClient client, int n) =>
        client.PostAsync("/api/referrals", new StringContent($$"""
            {"patient": {"nhsNumber": "{{NhsNumber(n)}}", "givenName": "Ada", "familyName": "Lovelace", "dateOfBirth": "1950-12-10", "practiceOds": "Y00001",
                         "addressLine1": "12 Chapel Street", "town": "Leeds", "postcode": "LS7 3AP", "phone": "0113 496 0000", "preferredContactMethod": "phone"},
             "reason": "Lives alone, struggling after discharge", "urgency": "routine", "source": "gp",
             "referrer": {"name": "Dr Asha Patel", "role": "gp", "organisation": "Chapel Allerton Surgery", "odsCode": "Y00001"},
             "whatMatters": "Getting back to her Thursday choir", "needs": ["social-isolation"], "riskFlags": ["lives-alone"],
             "consent": {"toShare": true, "with": ["gp", "vcs-partners"]} }
            """, Encoding.UTF8, "application/json"));

    /// <summary>The <paramref name="n"/>th valid NHS number (modulus-11 check digit) from 800 000 000x upward: none the seeded referrals use.</summary>
    private static string NhsNumber(int n)
    {
        for (var stem = 800_000_000L + n * 11L; ; stem++)
        {
            var digits = stem.ToString(CultureInfo.InvariantCulture);
            var check = 11 - digits.Select((c, i) => (c - '0') * (10 - i)).Sum() % 11;
            if (check != 10)
            {
                return digits + (check == 11 ? 0 : check).ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
