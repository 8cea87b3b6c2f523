using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;

namespace CareMesh.Testing.Properties;

/// <summary>How a service's property run is set up.</summary>
public sealed record PropertyRunOptions
{
    /// <summary>The document(s) whose every operation is driven.</summary>
    public IReadOnlyList<string> Documents { get; init; } = ["/openapi/v1.json"];

    /// <summary>Who calls, with weights: most requests should get past authorisation to reach the handlers. A null role is anonymous.</summary>
    public IReadOnlyList<(int Weight, string? Role, string Organisation)> Callers { get; init; } = [(1, null, "Y00001")];

    /// <summary>Requests per operation. CAREMESH_PROPERTY_REQUESTS overrides it.</summary>
    public int RequestsPerOperation { get; init; } = 24;

    /// <summary>Ids of records that exist before the run (more are learnt from the answers).</summary>
    public IReadOnlyList<Guid> KnownIds { get; init; } = [];

    /// <summary>Tables whose refused-write fingerprint is by id only (rows that background work updates, such as the outbox).</summary>
    public IReadOnlyList<string> TablesComparedById { get; init; } = ["outbox_messages"];

    /// <summary>Tables left out of the fingerprint: the audit trail records refused attempts by design.</summary>
    public IReadOnlyList<string> TablesIgnored { get; init; } = ["audit_events", "__EFMigrationsHistory"];

    /// <summary>Operations not driven, each with why (e.g. one that waits on another service).</summary>
    public IReadOnlyDictionary<string, string> Skipped { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The property every CareMesh endpoint must hold, checked on requests generated from the service's own
/// OpenAPI document (FsCheck generators, seeded): whatever arrives, the answer is never a 5xx; every
/// refusal is problem details with a status the document lists; a refused write changes nothing in the
/// database; and no log line or trace attribute shows the canary patient the generators slip into text.
/// The seed is printed (fixed unless CAREMESH_PROPERTY_SEED=random); CAREMESH_PROPERTY_SEED=&lt;seed&gt; replays it.
/// </summary>
public static class EndpointProperties
{
    public const ulong DefaultSeed = 20261202;

    /// <summary>
    /// The xUnit collection a property run belongs to, defined with parallelisation off in each test assembly: the run
    /// watches every trace in the process, so another test's queries running beside it would be taken for its own.
    /// </summary>
    public const string RunsAlone = "Property runs (alone)";

    public static async Task AssertEveryEndpointHoldsAsync<TProgram>(ServiceFactory<TProgram> factory, PropertyRunOptions options, ITestOutputHelper output)
        where TProgram : class
    {
        // A fixed seed by default, so every CI run makes the same choices and a commit's result does not
        // depend on luck; CAREMESH_PROPERTY_SEED=random explores, a number replays.
        var seedSetting = Environment.GetEnvironmentVariable("CAREMESH_PROPERTY_SEED");
        var seed = ulong.TryParse(seedSetting, CultureInfo.InvariantCulture, out var given) ? given
            : seedSetting == "random" ? (ulong)Random.Shared.NextInt64(1, long.MaxValue)
            : DefaultSeed;
        var perOperation = int.TryParse(Environment.GetEnvironmentVariable("CAREMESH_PROPERTY_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : options.RequestsPerOperation;
        output.WriteLine($"Property run: seed {seed} (replay with CAREMESH_PROPERTY_SEED={seed}), {perOperation} requests per operation.");

        var telemetry = new TelemetryCapture();
        using var host = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddLogging(logging => logging.AddProvider(telemetry).SetMinimumLevel(LogLevel.Debug))));
        var fingerprint = await DatabaseFingerprint.CreateAsync(factory.Database.ConnectionString, options.TablesComparedById, options.TablesIgnored);
        var ids = new IdPool();
        ids.Add(options.KnownIds);
        var clients = options.Callers.Select(c => (c.Weight, Client: Client(host, c.Role, c.Organisation), c.Role)).ToList();

        var operations = new List<(OpenApiOperation Operation, Generators Generators)>();
        foreach (var path in options.Documents)
        {
            var document = JsonDocument.Parse(await clients[0].Client.GetStringAsync(path)).RootElement.Clone();
            var generators = new Generators(document, ids);
            operations.AddRange(OpenApiOperation.All(document).Where(o => !options.Skipped.ContainsKey(o.Name)).Select(o => (o, generators)));
        }

        Assert.NotEmpty(operations);
        var failures = new List<string>();
        var sent = 0;
        var watch = Stopwatch.StartNew();
        var statuses = new SortedDictionary<int, int>();
        // Two passes: records the first creates are there for the second's paths to name.
        foreach (var pass in new[] { 0, 1 })
        {
            for (var o = 0; o < operations.Count; o++)
            {
                var (operation, generators) = operations[o];
                var requests = pass == 0 ? (perOperation + 1) / 2 : perOperation / 2;
                for (var i = 0; i < requests; i++)
                {
                    var rnd = new Rnd(seed ^ (ulong)((pass * 1_000_003 + o) * 10_007 + i));
                    var request = Gen.Sample(RequestGen(operation, generators, clients), 1, rnd, 30)[0];
                    var fault = await SendAndCheckAsync(operation, request, fingerprint, ids, statuses);
                    sent++;
                    if (fault is not null)
                    {
                        failures.Add($"{fault}\n  request: {request}\n  replay: CAREMESH_PROPERTY_SEED={seed}");
                    }
                }
            }
        }

        foreach (var leak in telemetry.Leaks(Generators.Canary, "9434765919"))
        {
            failures.Add($"patient data outside the database: {leak}");
        }

        output.WriteLine($"Sent {sent} requests to {operations.Count} operations in {watch.Elapsed.TotalSeconds:0.0} s; answers: " +
                         string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests broke the property (seed {seed}):\n" + string.Join("\n", failures.Take(15)));
    }

    private static HttpClient Client<TProgram>(WebApplicationFactory<TProgram> host, string? role, string organisation) where TProgram : class
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestServers.TokenFor(role, organisation));
        }

        return client;
    }

    private static Gen<GeneratedRequest> RequestGen(OpenApiOperation operation, Generators generators, List<(int Weight, HttpClient Client, string? Role)> clients)
    {
        var caller = Gen.Frequency(clients.Select(c => (c.Weight, Gen.Constant((c.Client, c.Role)))).ToArray());
        var path = Gen.CollectToList(operation.Parameters.Where(p => p.In == "path"),
                // A path segment is never empty (that is another route), and a NUL in a path never reaches an
                // application: the server refuses it while reading the request (FrontDoorTests covers that).
                p => generators.ParameterText(p.Schema).Where(v => v.Length > 0 && !v.Contains('\0')).Select(value => (p.Name, Value: value)))
            .Select(values => values.Aggregate(operation.PathTemplate, (template, v) =>
                template.Replace("{" + v.Name + "}", Uri.EscapeDataString(v.Value), StringComparison.Ordinal)));
        var query = Gen.CollectToList(operation.Parameters.Where(p => p.In == "query"),
                p => Gen.Frequency((p.Required ? 0 : 2, Gen.Constant<string?>(null)), (3, generators.ParameterText(p.Schema).Select(v => (string?)v)))
                    .Select(value => value is null ? null : $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(value)}"))
            .Select(parts => string.Join("&", parts.Where(p => p is not null)));
        var body = operation.BodySchema is { } schema ? generators.Body(schema, operation.BodyExample).Select(b => (string?)b) : Gen.Constant<string?>(null);
        var ifMatch = Gen.Elements<string?>(null, null, null, "\"1\"", "\"999\"", "*", "garbage");
        return caller.SelectMany(c => path.SelectMany(p => query.SelectMany(q => body.SelectMany(b => ifMatch.Select(m =>
            new GeneratedRequest(c.Client, c.Role, operation.Method, q.Length > 0 ? $"{p}?{q}" : p, b, m))))));
    }

    private static async Task<string?> SendAndCheckAsync(OpenApiOperation operation, GeneratedRequest request, DatabaseFingerprint fingerprint,
        IdPool ids, SortedDictionary<int, int> statuses)
    {
        var before = operation.IsWrite ? await fingerprint.TakeAsync() : null;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        }

        if (request.IfMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", request.IfMatch);
        }

        HttpResponseMessage response;
        try
        {
            response = await request.Client.SendAsync(message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"{operation.Name}: the request failed outright: {e.GetType().Name}: {e.Message}";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                return $"{operation.Name}: {status} {Shorten(text)}";
            }

            if (status >= 400)
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    return $"{operation.Name}: {status} is not problem details ({response.Content.Headers.ContentType}) {Shorten(text)}";
                }

                if (!operation.Statuses.Contains(status.ToString(CultureInfo.InvariantCulture)) && !operation.Statuses.Contains("default"))
                {
                    return $"{operation.Name}: {status} is not in the operation's documented answers ({string.Join(", ", operation.Statuses)}) {Shorten(text)}";
                }

                if (before is not null && await fingerprint.TakeAsync() is var after && after != before)
                {
                    return $"{operation.Name}: refused with {status}, but the database changed";
                }
            }
            else if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true && text.Length > 0)
            {
                try
                {
                    ids.Harvest(JsonDocument.Parse(text).RootElement);
                }
                catch (JsonException)
                {
                    return $"{operation.Name}: {status} says JSON but is not: {Shorten(text)}";
                }
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private sealed record GeneratedRequest(HttpClient Client, string? Role, string Method, string Url, string? Body, string? IfMatch)
    {
        public override string ToString() =>
            $"{Method} {Shorten(Url)} as {Role ?? "anonymous"}{(IfMatch is null ? "" : $", If-Match {IfMatch}")}{(Body is null ? "" : $", body {Shorten(Body)}")}";
    }
}
