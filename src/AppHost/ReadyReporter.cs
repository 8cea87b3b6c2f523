using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;

namespace CareMesh.AppHost;

/// <summary>Says once, on the console, when every resource that runs is healthy, and where CareMesh answers.</summary>
/// <param name="resources">What runs or is watched: servers, services, the gateway, the queues (not the connection strings, which only hold values).</param>
internal sealed class ReadyReporter(ResourceNotificationService notifications, IReadOnlyList<string> resources, string gatewayUrl) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(resources.Select(name => notifications.WaitForResourceHealthyAsync(name, stoppingToken)));
        await Console.Out.WriteLineAsync($"All {resources.Count} resources are healthy. CareMesh: {gatewayUrl}  (Ctrl-C stops it)");
    }
}
