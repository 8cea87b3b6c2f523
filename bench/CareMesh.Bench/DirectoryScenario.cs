using System.Diagnostics;
using System.Net.Http.Headers;
using CareMesh.Directory.Search;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CareMesh.Bench;

/// <summary>
/// The directory at national scale (100,000 services at 120,000 locations by default) under the
/// platform as <c>./caremesh up</c> runs it: the coordinators' search (text + need category + 5 km)
/// timed in the database and through the gateway, the open feed's pages at any depth, and the
/// search's plan.
/// </summary>
public static class DirectoryScenario
{
    private static readonly string[] Words = ["counselling", "befriending", "carers", "debt", "walking", "bereavement", "dementia", "gardening"];

    public static async Task RunAsync(BenchArguments args)
    {
        var services = args.Int("services", 100_000);
        var locations = args.Int("locations", 120_000);
        var samples = args.Int("samples", 400);
        var area = args.Text("area", "county") == "england" ? SyntheticDirectory.England : SyntheticDirectory.County;

        // The benchmark's requests would otherwise mostly meet the gateway's rate limits.
        Environment.SetEnvironmentVariable("Gateway__PerUser__PermitLimit", "100000000");
        Environment.SetEnvironmentVariable("Gateway__PerAddress__PermitLimit", "100000000");
        await using var platform = await TestPlatform.StartAsync("bench");
        var database = platform.ConnectionStringOf("directorydb");

        var seeding = Stopwatch.StartNew();
        await SyntheticDirectory.SeedAsync(database, services, locations, area);
        Console.WriteLine($"directory: {services:N0} services at {locations:N0} locations over {area} seeded and analysed in {seeding.Elapsed.TotalSeconds:F0} s; " +
                          $"{Environment.ProcessorCount} cores shared by the load, the gateway, the Directory service and PostgreSQL");

        var random = new Random(7);
        var searches = Enumerable.Range(0, samples).Select(_ => RandomSearch(random, area)).ToList();
        await SearchInDatabaseAsync(database, searches);
        await SearchThroughGatewayAsync(platform, searches);
        await FeedPagesAsync(platform.GatewayUrl, platform.EndpointOf("directory").ToString(), services, samples, random);
        await ExplainAsync(database, searches[0]);
    }

    private sealed record Search(string Word, int Need, GeoPoint Near)
    {
        public Guid[] Terms => [.. Enumerable.Range(-1, 5).Select(narrower => SyntheticDirectory.TermId(Need, narrower))];

        public SearchCriteria Criteria => new([Word], SyntheticDirectory.TermId(Need), Near, null, 5000, null, false, false, null, 1, 20);

        public string Query => $"q={Word}&taxonomyTermId={SyntheticDirectory.TermId(Need)}&latitude={Near.Latitude:F5}&longitude={Near.Longitude:F5}&radiusKm=5";
    }

    private static Search RandomSearch(Random random, SyntheticDirectory.GeoArea area) => new(
        Words[random.Next(Words.Length)],
        random.Next(8),
        new GeoPoint(area.South + random.NextDouble() * (area.North - area.South), area.West + random.NextDouble() * (area.East - area.West)));

    /// <summary>The search statement alone, as the service sends it, on one open connection: database time.</summary>
    private static async Task SearchInDatabaseAsync(string database, List<Search> searches)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var latencies = new List<double>();
        var found = 0;
        foreach (var (search, i) in searches.Select((s, i) => (s, i)))
        {
            var (sql, parameters) = ServiceSearch.Statement(search.Criteria, search.Word, search.Terms);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters.ToArray());
            var stopwatch = Stopwatch.StartNew();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    found++;
                }
            }

            // The first tenth warms the caches and the plan; it is not counted.
            if (i >= searches.Count / 10)
            {
                latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"search, database time (text + need category + 5 km): {Statistics.Describe(latencies)}; {found / (double)searches.Count:F1} results a search on average");
    }

    private static async Task SearchThroughGatewayAsync(TestPlatform platform, List<Search> searches)
    {
        using var client = Client(platform.GatewayUrl, platform.TokenFor(CareMeshRoles.CareCoordinator));
        var latencies = await TimeAsync(client, searches.Select(s => $"/api/directory/search?{s.Query}").ToList());
        Console.WriteLine($"search through the gateway (GET /api/directory/search, one request at a time): {Statistics.Describe(latencies)}");
    }

    /// <summary>Random pages over the whole feed, and the very last page, straight to the service and through the gateway.</summary>
    private static async Task FeedPagesAsync(string gatewayUrl, string directoryUrl, int services, int samples, Random random)
    {
        var lastPage = (int)Math.Ceiling(services * 0.97 / 50);
        var pages = Enumerable.Range(0, samples).Select(_ => $"/oruk/services?page={1 + random.Next(lastPage)}").ToList();
        var deepest = Enumerable.Repeat($"/oruk/services?page={lastPage}", samples / 4).ToList();
        foreach (var (name, url) in new[] { ("the Directory service", directoryUrl), ("the gateway", gatewayUrl) })
        {
            using var client = Client(url, token: null);
            Console.WriteLine($"/oruk/services?page=N (50 a page, N random up to {lastPage}) via {name}: {Statistics.Describe(await TimeAsync(client, pages))}");
            Console.WriteLine($"/oruk/services?page={lastPage} (the last page) via {name}: {Statistics.Describe(await TimeAsync(client, deepest))}");
        }
    }

    private static async Task ExplainAsync(string database, Search search)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var (sql, parameters) = ServiceSearch.Statement(search.Criteria, search.Word, search.Terms);
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        Console.WriteLine($"plan of a search ({search.Query}):");
        while (await reader.ReadAsync())
        {
            Console.WriteLine("  " + reader.GetString(0));
        }
    }

    /// <summary>Each path once, one after another; the first tenth warms up and is not counted.</summary>
    private static async Task<List<double>> TimeAsync(HttpClient client, IReadOnlyList<string> paths)
    {
        var latencies = new List<double>();
        foreach (var (path, i) in paths.Select((p, i) => (p, i)))
        {
            var stopwatch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            await response.Content.LoadIntoBufferAsync();
            var elapsed = stopwatch.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            if (i >= paths.Count / 10)
            {
                latencies.Add(elapsed);
            }
        }

        return latencies;
    }

    private static HttpClient Client(string baseAddress, string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(baseAddress) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
