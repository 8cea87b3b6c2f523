using System.Net;
using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Dashboard;
using CareMesh.AppHost.Telemetry;
using CareMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareMesh.AppHost.Tests.Dashboard;

/// <summary>
/// The dashboard on free loopback ports over an app host that has started nothing (its projects are
/// not built), so the page, its APIs and the OTLP receiver can be tested on their own.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    public const string Token = "test-login-token";
    public const string OtlpApiKey = "test-otlp-key";

    private readonly WebApplication web;

    private DashboardHost(WebApplication web, DashboardOptions options)
    {
        this.web = web;
        Options = options;
    }

    public DashboardOptions Options { get; }

    public CareMeshApp App => web.Services.GetRequiredService<CareMeshApp>();

    public TelemetryIngest Telemetry => web.Services.GetRequiredService<TelemetryIngest>();

    public static async Task<DashboardHost> StartAsync()
    {
        // A free port can be taken by another test process before Kestrel binds it: then try other ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync();
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is AddressInUseException)
            {
                // Fresh ports on the next attempt.
            }
        }
    }

    private static async Task<DashboardHost> TryStartAsync()
    {
        var options = new DashboardOptions
        {
            Port = TestServers.FreeLoopbackPort(),
            OtlpGrpcPort = TestServers.FreeLoopbackPort(),
            OtlpHttpPort = TestServers.FreeLoopbackPort(),
            BrowserToken = Token,
            OtlpApiKey = OtlpApiKey,
        };
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(CareMeshApp.Create(
            new AppHostOptions
            {
                PostgresConnectionString = "Host=127.0.0.1;Port=1;Username=u;Password=secret-pg",
                MessagingConnectionString = "amqp://u:secret-mq@127.0.0.1:1",
                RabbitManagement = "http://u:secret-mq@127.0.0.1:1",
            },
            TestResources.UnbuiltProjects()));
        builder.AddDashboard(options);
        var web = builder.Build();
        web.MapDashboard();
        try
        {
            await web.StartAsync();
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }

        return new DashboardHost(web, options);
    }

    /// <summary>A client of the dashboard's port that follows no redirects and holds no session.</summary>
    public HttpClient Anonymous() => Client(Options.Url, new CookieContainer());

    public async Task<HttpClient> SignedInAsync()
    {
        var cookies = new CookieContainer();
        var client = Client(Options.Url, cookies);
        var login = await client.GetAsync($"/login?t={Token}");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        client.DefaultRequestHeaders.Add(DashboardExtensions.ActionHeader, "1");
        return client;
    }

    /// <summary>A client of the OTLP/HTTP port, sending the API key unless told not to.</summary>
    public HttpClient OtlpHttp(bool withKey = true)
    {
        var client = Client(Options.OtlpHttpEndpoint, new CookieContainer());
        if (withKey)
        {
            client.DefaultRequestHeaders.Add(DashboardOptions.OtlpApiKeyHeader, OtlpApiKey);
        }

        return client;
    }

    private static HttpClient Client(string baseAddress, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseProxy = false }) { BaseAddress = new Uri(baseAddress) };

    public async ValueTask DisposeAsync()
    {
        await web.StopAsync();
        await web.DisposeAsync();
    }
}
