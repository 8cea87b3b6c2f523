using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareMesh.Testing;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareMesh.Bench;

/// <summary>
/// The identity provider (src/Identity) in-process on a database of the run's own: client-credentials tokens
/// issued one at a time and from several concurrent callers (each issue authenticates the client, stores the
/// token and writes a security event), beside the development grant's (no client secret to check); then what a service pays to validate the provider's tokens through its
/// metadata with JwtBearer as the services are configured (AddCareMeshAuthentication with an Authority): the
/// first request, which fetches the discovery document and the JWKS, and the steady per-request cost, with the
/// validated-token cache (Authentication:RememberValidatedTokensFor) on and off, against an anonymous baseline.
/// </summary>
public static class IdentityScenario
{
    private const string ClientId = "bench-importer";
    private const string Secret = "bench-importer-secret";

    public static async Task RunAsync(BenchArguments args)
    {
        var requests = args.Int("requests", 400);
        var warmup = args.Int("warmup", 50);
        var validations = args.Int("validations", 2000);
        int[] concurrencies = [.. args.Text("concurrency", "1,4,16").Split(',').Select(int.Parse)];

        await using var provider = new BenchProvider();
        await provider.InitializeAsync();
        using var tokens = provider.CreateClient();
        Console.WriteLine($"identity: provider in-process on its own database ({provider.Database.Name}); {Environment.ProcessorCount} cores shared by the load, the provider and PostgreSQL");

        for (var i = 0; i < warmup; i++)
        {
            await IssueAsync(tokens);
        }

        foreach (var concurrency in concurrencies)
        {
            var timings = new List<double>(requests);
            var started = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) =>
            {
                var one = Stopwatch.GetTimestamp();
                await IssueAsync(tokens);
                var elapsed = Stopwatch.GetElapsedTime(one).TotalMilliseconds;
                lock (timings)
                {
                    timings.Add(elapsed);
                }
            });
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine($"identity: client credentials, {concurrency} concurrent: {Statistics.Describe(timings)}; {requests / seconds:F0} tokens/s");
        }

        // The same issue for a public client (the development grant): no client secret to verify, the rest alike.
        var unauthenticated = await TimeAsync(() => DevelopmentGrant.RequestTokenAsync(tokens, new Uri(tokens.BaseAddress!, "connect/token"), CareMeshRoles.Admin, "Y00001"), requests);
        Console.WriteLine($"identity: development grant (public client, no secret), 1 concurrent: {Statistics.Describe(unauthenticated)}");

        var token = await IssueAsync(tokens);
        foreach (var remember in new[] { TimeSpan.FromMinutes(5), TimeSpan.Zero })
        {
            await using var service = await ValidatingServiceAsync(provider, remember);
            using var client = service.GetTestClient();
            var label = remember > TimeSpan.Zero ? $"validated-token cache {remember.TotalMinutes:F0} min" : "no validated-token cache";

            var first = Stopwatch.GetTimestamp();
            await CallAsync(client, "/whoami", token);
            Console.WriteLine($"identity: service ({label}): first request, metadata and keys fetched: {Stopwatch.GetElapsedTime(first).TotalMilliseconds:F1} ms");

            for (var i = 0; i < warmup; i++)
            {
                await CallAsync(client, "/whoami", token);
                await CallAsync(client, "/open", null);
            }

            var open = await TimeAsync(client, "/open", null, validations);
            var guarded = await TimeAsync(client, "/whoami", token, validations);
            var median = Statistics.Percentile([.. guarded.Order()], 50) - Statistics.Percentile([.. open.Order()], 50);
            Console.WriteLine($"identity: service ({label}): anonymous {Statistics.Describe(open)}");
            Console.WriteLine($"identity: service ({label}): bearer {Statistics.Describe(guarded)}; validation adds ~{median * 1000:F0} µs at the median");
        }
    }

    private static async Task<string> IssueAsync(HttpClient tokens)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "caremesh" }),
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{Secret}"))) },
        };
        using var response = await tokens.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.StatusCode == HttpStatusCode.OK
            ? body.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"The provider refused a token ({(int)response.StatusCode}): {body}");
    }

    private static Task<List<double>> TimeAsync(HttpClient client, string path, string? token, int count) =>
        TimeAsync(() => CallAsync(client, path, token), count);

    private static async Task<List<double>> TimeAsync(Func<Task> call, int count)
    {
        var timings = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return timings;
    }

    private static async Task CallAsync(HttpClient client, string path, string? token)
    {
        using var response = await client.SendWithTokenAsync(HttpMethod.Get, path, token);
        await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>
    /// A service as CareMesh's services validate bearer tokens (AddCareMeshAuthentication, Authority = the provider),
    /// its back channel to the provider in-process; one endpoint needing a CareMesh user, one open.
    /// </summary>
    private static async Task<WebApplication> ValidatingServiceAsync(BenchProvider provider, TimeSpan remember)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["Authentication:Authority"] = provider.Server.BaseAddress.ToString();
        builder.Configuration["Authentication:RememberValidatedTokensFor"] = remember.ToString();
        builder.AddCareMeshAuthentication();
        // Configure, not PostConfigure: JwtBearer builds its metadata client in its own post-configuration.
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.BackchannelHttpHandler = provider.Server.CreateHandler());
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (HttpContext http) => http.User.FindFirst("sub")?.Value);
        app.MapGet("/open", () => "open").AllowAnonymous();
        await app.StartAsync();
        return app;
    }

    /// <summary>The provider on a database of the run's own, with one system client.</summary>
    private sealed class BenchProvider() : ServiceFactory<CareMesh.Identity.Program>("identitydb"), IAsyncDisposable
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting($"Identity:Clients:Systems:{ClientId}:Secret", Secret);
            builder.UseSetting($"Identity:Clients:Systems:{ClientId}:Scopes:0", "caremesh");
            builder.UseSetting($"Identity:Clients:Systems:{ClientId}:Role", CareMeshRoles.Admin);
            builder.UseSetting($"Identity:Clients:Systems:{ClientId}:Organisation", "Y00001");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }

        // The factory looks for the content root from a test assembly; this is an executable, so it is named from the
        // manifest Microsoft.AspNetCore.Mvc.Testing writes beside it.
        protected override IHost CreateHost(IHostBuilder builder)
        {
            var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json")))!;
            builder.UseContentRoot(manifest[typeof(CareMesh.Identity.Program).Assembly.FullName!]);
            return base.CreateHost(builder);
        }

        public override async ValueTask DisposeAsync() => await ((Xunit.IAsyncLifetime)this).DisposeAsync();
    }
}
