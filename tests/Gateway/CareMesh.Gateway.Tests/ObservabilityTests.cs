using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using CareMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareMesh.Gateway.Tests;

public class ObservabilityTests(ServiceBackends backends) : IClassFixture<ServiceBackends>
{
    [Fact]
    public async Task The_gateway_span_names_the_route_and_cluster_that_served_the_request()
    {
        var tags = new ConcurrentBag<IReadOnlyDictionary<string, object?>>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => tags.Add(activity.TagObjects.ToDictionary(t => t.Key, t => t.Value)),
        };
        ActivitySource.AddActivityListener(listener);
        using var gateway = backends.Gateway();
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestServers.TokenFor(CareMeshRoles.TeamLead));

        await client.GetAsync("/api/caseload/mine");

        Assert.Contains(tags, t => Equals(t.GetValueOrDefault("caremesh.gateway.route"), "caseload")
                                   && Equals(t.GetValueOrDefault("caremesh.gateway.cluster"), "referrals"));
    }

    [Fact]
    public async Task A_refused_token_is_logged_as_a_security_event_without_the_token()
    {
        var logs = new ConcurrentQueue<(string Category, string Message)>();
        using var gateway = backends.Gateway(builder => builder.ConfigureServices(services =>
            services.AddLogging(logging => logging.AddProvider(new CapturingLoggerProvider(logs)))));
        var token = TestTokens.Refused()["wrong audience"];
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await client.GetAsync("/api/referrals");

        var security = Assert.Single(logs, l => l.Category == "CareMesh.Security");
        Assert.Contains("rejected", security.Message);
        Assert.DoesNotContain(token.Split('.')[1], string.Join("\n", logs.Select(l => l.Message)));
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<(string, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, logs);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<(string, string)> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue((category, formatter(state, exception) + exception));
    }
}
