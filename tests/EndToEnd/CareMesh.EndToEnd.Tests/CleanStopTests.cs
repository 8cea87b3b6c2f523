using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using CareMesh.Testing;

namespace CareMesh.EndToEnd.Tests;

/// <summary>Stopping the platform: every service and the gateway ends on SIGTERM by itself, exit code 0, none killed.</summary>
public class CleanStopTests
{
    private static readonly string[] Processes = ["gateway", "referrals", "careplans", "directory", "meetings"];

    [Fact]
    public async Task Every_process_stopped_from_the_app_host_exits_with_code_0_and_stays_stopped()
    {
        await using var platform = await TestPlatform.StartAsync("stop");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var notifications = platform.App.ResourceNotifications;
        var commands = platform.App.Services.GetRequiredService<ResourceCommandService>();

        // The gateway first, as the dashboard's Stop would be used: nothing else waits on it.
        foreach (var name in Processes)
        {
            var result = await commands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand, deadline.Token);
            Assert.True(result.Success, result.Message);
            var stopped = await notifications.WaitForResourceAsync(name,
                update => KnownResourceStates.TerminalStates.Contains(update.Snapshot.State?.Text), deadline.Token);
            Assert.Equal(0, stopped.Snapshot.ExitCode);
        }

        // A process stopped on purpose is not started again.
        await Task.Delay(TimeSpan.FromSeconds(3), deadline.Token);
        Assert.All(Processes, name =>
        {
            Assert.True(notifications.TryGetCurrentState(name, out var current));
            Assert.Contains(current.Snapshot.State?.Text, KnownResourceStates.TerminalStates);
        });
    }
}
