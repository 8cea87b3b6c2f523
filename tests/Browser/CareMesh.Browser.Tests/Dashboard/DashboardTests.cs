using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareMesh.Browser.Tests.Dashboard;

/// <summary>
/// The Aspire dashboard as operations staff use it, on the platform the app host started (existing-servers mode):
/// every resource's state, the first flow's trace across the broker, a service stopped and started from the page,
/// and the queues resource with its command that moves failed messages back, never showing a message's body.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public partial class DashboardTests(WorkspaceFixture workspace)
{
    private static readonly string[] Services = ["identity", "referrals", "careplans", "directory", "meetings", "web", "gateway"];
    private static readonly string[] Databases = ["referralsdb", "careplansdb", "directorydb", "meetingsdb", "identitydb"];

    [Fact]
    public async Task Every_resource_is_shown_running_and_none_unhealthy()
    {
        var page = await OpenResourcesAsync();

        foreach (var name in Services.Concat(Databases).Append("queues"))
        {
            // The state cell is named by its tooltip when there is one: "… not in a healthy state", "… no longer running".
            var state = Row(page, name).GetByRole(AriaRole.Gridcell).Nth(1);
            await Assertions.Expect(state).ToHaveAccessibleNameAsync("Running", new() { Timeout = 30_000 });
        }

        await Chromium.ScreenshotAsync(page, "dashboard-resources");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_first_flow_is_one_trace_from_the_gateway_through_the_broker_to_care_plans_with_its_database_calls()
    {
        await workspace.Api.ReferralReceivedAsync("Trace", "Through");
        var page = await workspace.Chromium.NewPageAsync(1600);
        await page.GotoAsync(workspace.Platform.DashboardLogin!.AbsoluteUri);
        await page.GotoAsync(DashboardUrl("/traces"));

        // The trace is complete once CarePlans has consumed the event; the list updates itself as spans arrive.
        var trace = page.GetByRole(AriaRole.Row)
            .Filter(new() { HasText = "gateway: POST /api/referrals/{**rest}" })
            .Filter(new() { HasText = "careplans (" })
            .First;
        await trace.WaitForAsync(new() { Timeout = 60_000 });
        // The list re-renders as spans arrive, so a click can land on a row just replaced: click again until the trace opens.
        for (var attempt = 1; ; attempt++)
        {
            await trace.GetByRole(AriaRole.Gridcell).Nth(1).ClickAsync();
            try
            {
                await page.WaitForURLAsync(TraceDetail(), new() { Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }

        string[] spans =
        [
            "gateway: POST /api/referrals/{**rest}",
            "referrals: POST /api/referrals/",
            "referrals: postgresql",
            "referrals: outbox publish ReferralReceived",
            "referrals: MSG rabbitmq send CareMesh.Contracts.Referrals:ReferralReceived",
            "careplans: referral-received receive",
            "careplans: referral-received process",
            "careplans: postgresql",
        ];
        foreach (var span in spans)
        {
            // The detail page updates itself too: a consumer's spans may still be on their way.
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = span }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }

        await Chromium.ScreenshotAsync(page, "dashboard-first-flow-trace");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_service_stopped_from_the_page_stays_stopped_until_started_from_the_page_and_is_then_healthy_again()
    {
        var page = await OpenResourcesAsync();
        var meetings = Row(page, "meetings");
        var state = meetings.GetByRole(AriaRole.Gridcell).Nth(1);
        try
        {
            await meetings.GetByRole(AriaRole.Button, new() { Name = "Stop resource" }).ClickAsync();
            await Assertions.Expect(state).ToHaveAccessibleNameAsync(Stopped, new() { Timeout = 60_000 });
            // Stopped by a person, not crashed: nothing starts it again behind their back.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await Assertions.Expect(state).ToHaveAccessibleNameAsync(Stopped);
            await Chromium.ScreenshotAsync(page, "dashboard-meetings-stopped");

            await meetings.GetByRole(AriaRole.Button, new() { Name = "Start resource" }).ClickAsync();
            await Assertions.Expect(state).ToHaveAccessibleNameAsync("Running", new() { Timeout = 120_000 });
        }
        finally
        {
            // Whatever failed above, the next test finds the platform whole.
            using var healthy = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var notifications = workspace.Platform.App.ResourceNotifications;
            if (notifications.TryGetCurrentState("meetings", out var current) && KnownResourceStates.TerminalStates.Contains(current.Snapshot.State?.Text))
            {
                await workspace.Platform.App.Services.GetRequiredService<ResourceCommandService>()
                    .ExecuteCommandAsync("meetings", KnownResourceCommands.StartCommand, healthy.Token);
            }

            await notifications.WaitForResourceHealthyAsync("meetings", healthy.Token);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_failed_message_is_shown_as_a_count_and_moved_back_to_its_queue_by_the_queues_command_without_its_body_on_the_page()
    {
        const string queue = "dashboard-probe";
        var broker = workspace.Platform.Broker;
        await broker.DeclareQueueAsync(queue);
        await broker.DeclareQueueAsync(queue + "_error");
        var nhsNumber = GatewayCalls.NewNhsNumber();
        await broker.PublishToQueueAsync(queue + "_error", System.Text.Json.JsonSerializer.Serialize(new { message = new { nhsNumber, givenName = "Probe" } }));
        var page = await OpenResourcesAsync();
        try
        {
            var queues = Row(page, "queues");
            await Assertions.Expect(queues.GetByRole(AriaRole.Gridcell).Nth(1)).ToHaveAccessibleNameAsync(Unhealthy, new() { Timeout = 30_000 });
            await queues.GetByRole(AriaRole.Button, new() { Name = "Actions" }).ClickAsync();
            await page.GetByRole(AriaRole.Menuitem, new() { Name = "View details" }).ClickAsync();
            await Assertions.Expect(Property(page, queue + "_error")).ToContainTextAsync("1 messages, 0 consumers", new() { Timeout = 30_000 });
            await Assertions.Expect(Property(page, queue)).ToContainTextAsync("0 messages, 0 consumers");
            await Chromium.ScreenshotAsync(page, "dashboard-queues-failed");

            await queues.GetByRole(AriaRole.Button, new() { Name = "Actions" }).ClickAsync();
            await page.GetByRole(AriaRole.Menuitem, new() { Name = "Move failed messages back" }).ClickAsync();
            // Fluent UI's confirmation: its alertdialog role sits in a shadow root, its text and buttons are slotted in.
            var confirmation = page.Locator("fluent-dialog").Filter(new() { HasText = "Move every failed message back" });
            await confirmation.Locator("fluent-button", new() { HasText = "Yes" }).ClickAsync();

            await Assertions.Expect(queues.GetByRole(AriaRole.Gridcell).Nth(1)).ToHaveAccessibleNameAsync("Running", new() { Timeout = 30_000 });
            await Assertions.Expect(Property(page, queue)).ToContainTextAsync("1 messages, 0 consumers");
            await Assertions.Expect(Property(page, queue + "_error")).ToContainTextAsync("0 messages, 0 consumers");
            await Chromium.ScreenshotAsync(page, "dashboard-queues-moved-back");
            Assert.Equal(0, await broker.CountMessagesAsync(queue + "_error"));
            Assert.Equal(1, await broker.CountMessagesAsync(queue));
            Assert.DoesNotContain(nhsNumber, await page.ContentAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("Probe", await page.ContentAsync(), StringComparison.Ordinal);
        }
        finally
        {
            // A failed message left behind would show the queues unhealthy to every later test.
            await broker.DeleteQueueAsync(queue + "_error");
            await broker.DeleteQueueAsync(queue);
            await page.Context.CloseAsync();
        }
    }

    // The state cell's names, as the dashboard words them for a screen reader.
    private static readonly Regex Stopped = new("no longer running");
    private static readonly Regex Unhealthy = new("not in a healthy state");

    private string DashboardUrl(string path) => new Uri(workspace.Platform.DashboardLogin!, path).AbsoluteUri;

    /// <summary>Signs in with the login link (its browser token) and waits for the resources grid.</summary>
    private async Task<IPage> OpenResourcesAsync()
    {
        var page = await workspace.Chromium.NewPageAsync(1600);
        await page.GotoAsync(workspace.Platform.DashboardLogin!.AbsoluteUri);
        await Row(page, "queues").WaitForAsync(new() { Timeout = 60_000 });
        return page;
    }

    /// <summary>A resource's row in the grid: its first cell is named "<type>: <name>".</summary>
    private static ILocator Row(IPage page, string resource) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Gridcell, new() { NameRegex = new Regex($"^[A-Za-z ]+: {Regex.Escape(resource)}$") }) });

    /// <summary>A queue's row in the queues resource's details: its name, then its depth, consumers and rates.</summary>
    private static ILocator Property(IPage page, string queue) =>
        page.GetByRole(AriaRole.Row).Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(queue)}\\s*\\d+ messages") });

    [GeneratedRegex("/traces/detail/[0-9a-f]+")]
    private static partial Regex TraceDetail();
}
