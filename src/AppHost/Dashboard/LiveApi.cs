using System.Diagnostics;
using CareMesh.AppHost.Model;
using CareMesh.AppHost.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CareMesh.AppHost.Dashboard;

/// <summary>
/// One server-sent event stream per open page: <c>resources</c> (every resource, whenever one changes)
/// and <c>telemetry</c> (counts, whenever new telemetry arrived), so pages update without a refresh.
/// </summary>
public static class LiveApi
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointConventionBuilder MapLiveApi(this IEndpointRouteBuilder endpoints) => endpoints.MapGet("/api/live", StreamAsync);

    private static async Task StreamAsync(HttpContext context, CareMeshApp app, TelemetryIngest telemetry)
    {
        var changes = new StrongBox(1);
        void OnChanged(ResourceChange change) => Interlocked.Increment(ref changes.Value);
        foreach (var resource in app.Resources.Values)
        {
            resource.Changed += OnChanged;
        }

        var events = ServerSentEvents.Start(context);
        var sentChanges = 0;
        (long, long, long) sentVersions = (-1, -1, -1);
        var quiet = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Tick);
        try
        {
            do
            {
                var seen = Volatile.Read(ref changes.Value);
                if (seen != sentChanges)
                {
                    sentChanges = seen;
                    await events.SendAsync("resources", ResourceView.All(app));
                    quiet.Restart();
                }

                var versions = (telemetry.Traces.Version, telemetry.Logs.Version, telemetry.Metrics.Version);
                if (versions != sentVersions)
                {
                    sentVersions = versions;
                    var (traces, spans) = telemetry.Traces.Counts;
                    await events.SendAsync("telemetry", new { traces, spans, logs = telemetry.Logs.Count, versions.Item1, versions.Item2, versions.Item3 });
                    quiet.Restart();
                }
                else if (quiet.Elapsed > KeepAlive)
                {
                    await events.KeepAliveAsync();
                    quiet.Restart();
                }
            }
            while (await timer.WaitForNextTickAsync(context.RequestAborted));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page went away.
        }
        finally
        {
            foreach (var resource in app.Resources.Values)
            {
                resource.Changed -= OnChanged;
            }
        }
    }

    private sealed class StrongBox(int value)
    {
        public int Value = value;
    }
}
