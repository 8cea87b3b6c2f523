using System.Diagnostics;
using System.Net;
using CareMesh.Browser.Tests;
using CareMesh.Testing;
using Microsoft.Playwright;
using Npgsql;

namespace CareMesh.Bench;

/// <summary>
/// The workspace as a care coordinator meets it, with the whole platform up and everything through the gateway:
/// the caseload page of a coordinator with 250 open referrals (among 100,000) fetched with their session cookie
/// one request at a time (the page's server time: the workspace, its call to Referrals, the gateway both ways),
/// then, in Chromium, the time from choosing the account at the provider's sign-in page to the caseload page
/// being usable (loaded, the NHS.UK frontend's script run).
/// </summary>
public static class WorkspaceScenario
{
    private const string Coordinator = "dev-care-coordinator";

    public static async Task RunAsync(BenchArguments args)
    {
        var requests = args.Int("requests", 200);
        var warmup = args.Int("warmup", 30);
        var signIns = args.Int("sign-ins", 20);
        var referrals = args.Int("referrals", 100_000);
        Environment.SetEnvironmentVariable("Gateway__PerUser__PermitLimit", "100000000");

        await using var platform = await TestPlatform.StartAsync("workspacebench");
        await using (var connection = new NpgsqlConnection(platform.ConnectionStringOf("referralsdb")))
        {
            await connection.OpenAsync();
            // member-7's 250 open referrals become the development coordinator's, who signs in below.
            await using var seed = new NpgsqlCommand(SyntheticReferrals.Sql(referrals, members: 20, openPerMember: 250) +
                $"; UPDATE referrals SET allocated_to_user_id = '{Coordinator}' WHERE allocated_to_user_id = 'member-7';", connection) { CommandTimeout = 600 };
            await seed.ExecuteNonQueryAsync();
        }

        var chromium = new Chromium();
        await chromium.InitializeAsync();
        try
        {
            Console.WriteLine($"workspace: through the gateway {platform.GatewayUrl}; {referrals:N0} referrals, {Coordinator} with 250 open; " +
                              $"Chromium, load generator, gateway, web, four services, PostgreSQL and RabbitMQ share these {Environment.ProcessorCount} cores");
            var page = await SignInAsync(chromium, platform.GatewayUrl);
            var cookies = await page.Context.CookiesAsync();
            await page.Context.CloseAsync();
            await CaseloadPageAsync(platform.GatewayUrl, cookies, requests, warmup);
            await SignInsAsync(chromium, platform.GatewayUrl, signIns, warmup / 10);
        }
        finally
        {
            await chromium.DisposeAsync();
        }
    }

    private static async Task SignInsAsync(Chromium chromium, string gateway, int signIns, int warmup)
    {
        var timings = new List<double>(signIns);
        for (var i = 0; i < warmup + signIns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var signedIn = await SignInAsync(chromium, gateway, () => started = Stopwatch.GetTimestamp());
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await signedIn.Context.CloseAsync();
            if (i >= warmup)
            {
                timings.Add(elapsed);
            }
        }

        Console.WriteLine($"workspace: sign-in to the caseload usable in Chromium: {Statistics.Describe(timings)}");
    }

    /// <summary>
    /// A fresh browser at /caseload, sent to the provider's page; <paramref name="choosing"/> runs as the account is
    /// chosen, and the method returns once the caseload has loaded and the frontend's script has run.
    /// </summary>
    private static async Task<IPage> SignInAsync(Chromium chromium, string gateway, Action? choosing = null)
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(gateway + "/caseload");
        var account = page.GetByRole(AriaRole.Button, new() { Name = "Casey Coordinator" });
        await account.WaitForAsync();
        choosing?.Invoke();
        await account.ClickAsync();
        await page.WaitForURLAsync(gateway + "/caseload", new() { WaitUntil = WaitUntilState.Load });
        await page.Locator("body.nhsuk-frontend-supported").WaitForAsync();
        return page;
    }

    private static async Task CaseloadPageAsync(string gateway, IReadOnlyList<BrowserContextCookiesResult> cookies, int requests, int warmup)
    {
        var jar = new CookieContainer();
        foreach (var cookie in cookies)
        {
            jar.Add(new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }

        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = jar, UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(gateway) };
        var timings = new List<double>(requests);
        var size = 0;
        for (var i = 0; i < warmup + requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync("/caseload");
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("open referrals", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET /caseload answered {(int)response.StatusCode}, not the caseload page");
            }

            if (i >= warmup)
            {
                timings.Add(elapsed);
                size = body.Length;
            }
        }

        Console.WriteLine($"workspace: caseload page (250 open, first page of 50): {Statistics.Describe(timings)}; {size:N0} characters");
    }
}
