using CareMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Gateway.Tests;

/// <summary>
/// One real HTTP server per CareMesh service, on a free loopback port, each answering with its own
/// name and the path it received: enough to see where the gateway sent a request.
/// </summary>
public sealed class ServiceBackends : IAsyncLifetime
{
    /// <summary>The four services, the identity provider (under /identity/), and the workspace (web), which the gateway serves at every other path.</summary>
    public static readonly string[] Services = ["referrals", "careplans", "directory", "meetings", "identity", "web"];

    private readonly List<WebApplication> _servers = [];

    public Dictionary<string, string> Addresses { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var service in Services)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.Run(async context =>
            {
                // A stand-in for a service that hangs, for the gateway's time-out.
                if (context.Request.Path.Value?.EndsWith("/slow", StringComparison.Ordinal) == true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                }

                foreach (var (name, value) in context.Request.Headers)
                {
                    context.Response.Headers[$"X-Echo-{name}"] = value;
                }

                context.Response.Headers.Server = "Kestrel";
                await context.Response.WriteAsync($"{service} {context.Request.Path}{context.Request.QueryString}");
            });
            await app.StartAsync();
            _servers.Add(app);
            Addresses[service] = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        }
    }

    /// <summary>
    /// The gateway in-process, trusting the test identity provider and finding each service at its backend.
    /// Rate limits are raised out of the way: the real process's tests exercise them.
    /// </summary>
    public WebApplicationFactory<Program> Gateway(Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Authentication:Authority", TestIdentity.Authority.AbsoluteUri);
            foreach (var limit in new[] { "PerUser", "PerAddress", "Workspace", "SignIn", "IdentityBackChannel" })
            {
                builder.UseSetting($"Gateway:{limit}:PermitLimit", "100000");
            }

            foreach (var (service, address) in Addresses)
            {
                builder.UseSetting($"services:{service}:http:0", address);
            }

            configure?.Invoke(builder);
        });

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
