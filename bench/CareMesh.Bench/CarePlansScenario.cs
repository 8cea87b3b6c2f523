using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Contracts.Referrals;
using CareMesh.Testing;
using MassTransit;
using Npgsql;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Bench;

/// <summary>
/// Care plans with the whole platform up, every request through the gateway as a care coordinator:
/// ReferralAccepted published at a fixed rate into the platform's broker (as Referrals would) and the
/// time until each person's draft plan is readable through the gateway; then one plan of 20 goals,
/// 60 actions and 10 agreed versions read whole, and its latest version's PDF rendered.
/// </summary>
public static class CarePlansScenario
{
    public static async Task RunAsync(BenchArguments args)
    {
        var rate = args.Int("rate", 50);
        var seconds = args.Int("seconds", 20);
        var requests = args.Int("requests", 300);
        var warmup = args.Int("warmup", 50);
        var pollMs = args.Int("poll-ms", 10);
        Environment.SetEnvironmentVariable("Gateway__PerUser__PermitLimit", "100000000");

        await using var platform = await TestPlatform.StartAsync("careplansbench");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(platform.GatewayUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.TokenFor(CareMeshRoles.CareCoordinator, "Y00001"));
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(platform.MessagingConnectionString)));
        await bus.StartAsync();
        try
        {
            Console.WriteLine($"care-plans: through the gateway {client.BaseAddress}; load generator, gateway, four services, PostgreSQL and RabbitMQ share these {Environment.ProcessorCount} cores");
            // The measured rate for a minute first, reported apart: a process just started runs unoptimised (tier-0)
            // code and keeps its JIT busy for tens of seconds under load; the figure is for a platform that has been running.
            var warmupSeconds = args.Int("warmup-seconds", 60);
            await DraftsAsync(bus, client, platform.ConnectionStringOf("careplansdb"), "warm-up", rate, Math.Max(warmupSeconds, 1), pollMs, 900_000_000L);
            await DraftsAsync(bus, client, platform.ConnectionStringOf("careplansdb"), "measured", rate, seconds, pollMs, 800_000_000L);
            var planId = await SeedPlanAsync(client);
            await TimeAsync(client, "plan of 20 goals, 60 actions, 10 versions (JSON)", $"/api/care-plans/{planId}", body => body.Length > 10_000, requests, warmup);
            await TimeAsync(client, "version 10 as PDF", $"/api/care-plans/{planId}/versions/10/copy.pdf?audience=person", body => body.AsSpan(0, 5).SequenceEqual("%PDF-"u8),
                requests, warmup);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>
    /// An open loop publishing ReferralAccepted at <paramref name="rate"/>/s. A watcher reads the plans
    /// table every <paramref name="pollMs"/> for drafts committed since; each one found is looked up
    /// once through the gateway, and the figure is publish to that look-up's answer listing the draft.
    /// (A poller per person through the gateway would itself be most of the load on two cores.)
    /// </summary>
    private static async Task DraftsAsync(IBusControl bus, HttpClient client, string database, string label, int rate, int seconds, int pollMs, long firstNumber)
    {
        var count = rate * seconds;
        var referrals = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        var numbers = NhsNumbers(firstNumber, count).ToList();
        var published = new ConcurrentDictionary<Guid, (long At, string NhsNumber)>();
        var latencies = new ConcurrentBag<double>();
        var lookups = new ConcurrentBag<Task>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            var seen = new HashSet<Guid>();
            while (seen.Count < count)
            {
                // Only the referrals published and not yet seen, through the unique index: reading every plan
                // each time grew with the run and took cores from what is measured.
                var pending = published.Keys.Where(r => !seen.Contains(r)).ToArray();
                await using var command = new NpgsqlCommand("SELECT referral_id FROM care_plans WHERE referral_id = ANY(@pending)", connection);
                command.Parameters.AddWithValue("pending", pending);
                await using var reader = await command.ExecuteReaderAsync();
                var found = new List<Guid>();
                while (await reader.ReadAsync())
                {
                    found.Add(reader.GetGuid(0));
                }

                foreach (var referral in found.Where(seen.Add))
                {
                    var (at, nhsNumber) = published[referral];
                    lookups.Add(Task.Run(async () =>
                    {
                        await WaitForDraftAsync(client, nhsNumber, pollMs);
                        latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    }));
                }

                await Task.Delay(pollMs, stop.Token);
            }
        }, stop.Token);

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            published[referrals[i]] = (Stopwatch.GetTimestamp(), numbers[i]);
            await bus.Publish(Accepted(referrals[i], numbers[i]));
        }

        var sent = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (await Task.WhenAny(watcher, Task.Delay(TimeSpan.FromMinutes(5))) != watcher)
        {
            await stop.CancelAsync();
            throw new TimeoutException($"Only some of {count} drafts appeared within five minutes of the last publish.");
        }

        await Task.WhenAll(lookups);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"care-plans: ({label}) ReferralAccepted published to draft readable through the gateway, {count} referrals at {count / sent:F1}/s (drafts watched every {pollMs} ms): {Statistics.Describe([.. latencies])}"));
    }

    private static async Task WaitForDraftAsync(HttpClient client, string nhsNumber, int pollMs)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await client.PostAsJsonAsync("/api/care-plans/lookup", new { nhsNumber });
            if (response.StatusCode == HttpStatusCode.OK &&
                (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plans").GetArrayLength() > 0)
            {
                return;
            }

            await Task.Delay(pollMs);
        }

        throw new TimeoutException("A draft committed in the database was not readable through the gateway.");
    }

    /// <summary>A plan of 20 goals, 60 actions and 10 agreed versions, built through the API as coordinators would over months.</summary>
    private static async Task<Guid> SeedPlanAsync(HttpClient client)
    {
        var opened = await SendAsync(client, HttpMethod.Post, "/api/care-plans", new
        {
            nhsNumber = "9434765919", givenName = "Ada", familyName = "Lovelace", dateOfBirth = "1950-12-10", practiceOds = "Y00001",
            sections = new
            {
                aboutMe = new { whatMatters = "To get back to the allotment with my neighbour", strengths = "Determined", communicationNeeds = "Hard of hearing" },
                needs = new[] { new { domain = "social-isolation", description = "Has not left the house since her fall" }, new { domain = "mobility", description = "Uses a frame" } },
                carers = new { unpaidCarerIdentified = true, carerName = "Grace Hopper", relationship = "daughter", assessment = "offered" },
                consent = new { consentToShare = true, gpSharing = "full-plan" },
                namedClinicalContact = new { userId = "user-clinician", name = "Dr Asha Patel", role = "GP" },
                careCoordinator = new { userId = "user-care-coordinator", name = "Sam Jones", phone = "0113 496 0001" },
            },
        });
        var id = opened.GetProperty("id").GetGuid();
        for (var version = 1; version <= 10; version++)
        {
            for (var g = 0; g < 2; g++)
            {
                await SendAsync(client, HttpMethod.Post, $"/api/care-plans/{id}/goals",
                    new { text = $"Goal {version}.{g}: walk a little further each week, with a friend", targetDate = "2027-06-30", status = "active" });
            }

            for (var a = 0; a < 6; a++)
            {
                await SendAsync(client, HttpMethod.Post, $"/api/care-plans/{id}/actions", new
                {
                    description = $"Action {version}.{a}: call the walking group and arrange a first walk together",
                    owner = new { kind = "named-person", userId = "user-link-worker", name = "Priya Shah" }, dueOn = "2027-01-31",
                });
            }

            await SendAsync(client, HttpMethod.Post, $"/api/care-plans/{id}/agree", new { method = "in-person", carerPresent = version % 2 == 0 });
        }

        return id;
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
    }

    private static async Task TimeAsync(HttpClient client, string name, string path, Func<byte[], bool> check, int requests, int warmup)
    {
        var sample = await client.GetByteArrayAsync(path);
        if (!check(sample))
        {
            throw new InvalidOperationException($"GET {path} did not answer what was expected ({sample.Length} bytes)");
        }

        for (var i = 0; i < warmup; i++)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }

        var timings = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }

        Console.WriteLine($"care-plans: {name}: {Statistics.Describe(timings)}; {sample.Length:N0} bytes");
    }

    private static ReferralAccepted Accepted(Guid referralId, string nhsNumber) => new(referralId,
        new ReferredPatient(nhsNumber, "Person", "Benchmark", new DateOnly(1950, 1, 1), "Y00001"), "Lives alone, struggling after discharge",
        "To get out of the house again", "routine", "standard", ["social-isolation"], ["lives-alone"],
        new TeamMember("user-care-coordinator", "Sam Jones", "care-coordinator"), null, "user-team-lead", DateTimeOffset.UtcNow);

    /// <summary>Valid NHS numbers (modulus-11 check digit) from <paramref name="first"/>x upward.</summary>
    private static IEnumerable<string> NhsNumbers(long first, int count)
    {
        for (var stem = first; count > 0; stem++)
        {
            var digits = stem.ToString(CultureInfo.InvariantCulture);
            var check = 11 - digits.Select((c, i) => (c - '0') * (10 - i)).Sum() % 11;
            if (check == 10)
            {
                continue;
            }

            count--;
            yield return digits + (check == 11 ? 0 : check).ToString(CultureInfo.InvariantCulture);
        }
    }
}
