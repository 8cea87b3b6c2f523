using System.Globalization;
using Microsoft.Playwright;

namespace CareMesh.Browser.Tests.Meetings;

/// <summary>
/// An MDT from the programme to an action done: a team lead schedules a meeting they chair; a coordinator adds a person
/// after the agenda has closed, which waits for the chair, who approves it; attendance makes the meeting quorate; the
/// item's minute takes a decision and an action for the coordinator, is finalised and the meeting closed; the action is
/// then on the coordinator's own list, and marked done there.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public class MeetingPageTests(WorkspaceFixture workspace)
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public async Task A_meeting_is_scheduled_its_agenda_confirmed_attendance_and_minutes_taken_and_the_action_done_by_its_owner()
    {
        // The coordinator is in the team, so an action can be given to her by name.
        await workspace.Api.TeamMemberAsync("dev-care-coordinator", "Casey Coordinator", "care-coordinator");
        var title = $"Chapel Allerton case review {Guid.NewGuid().ToString("N")[..6]}";
        var action = $"Refer to the falls clinic ({Guid.NewGuid():N})";
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London).DateTime);
        // Tomorrow: the agenda closed two working days before, so a coordinator's addition waits for the chair.
        var tomorrow = today.AddDays(1);

        var tam = await workspace.SignInAsync("Tam Lead");
        await tam.GetByRole(AriaRole.Link, new() { Name = "MDT meetings" }).First.ClickAsync();
        await tam.WaitForURLAsync(workspace.Url("/meetings"));
        Assert.Equal("MDT meetings", (await tam.Locator("h1").InnerTextAsync()).Trim());
        await Chromium.CheckedAsync(tam);
        await tam.GetByRole(AriaRole.Button, new() { Name = "Schedule a meeting" }).ClickAsync();
        await tam.WaitForURLAsync(workspace.Url("/meetings/new"));
        await Chromium.CheckedAsync(tam);

        // No title: the service's fault is in the summary, linked to the field, and what was typed is kept.
        await tam.GetByLabel("Case review").CheckAsync();
        await FillDateAsync(tam, "date", tomorrow);
        await tam.Locator("#startTime").FillAsync("13:00");
        await tam.Locator("#location").FillAsync("Chapel Allerton Surgery, meeting room 2");
        await tam.GetByLabel("GP", new() { Exact = true }).CheckAsync();
        await tam.Locator("#quorum-minimumPresent").FillAsync("2");
        await tam.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();
        await tam.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Equal(1, await tam.Locator(".nhsuk-error-summary a[href='#title']").CountAsync());
        Assert.Equal("Chapel Allerton Surgery, meeting room 2", await tam.Locator("#location").InputValueAsync());
        Assert.True(await tam.GetByLabel("GP", new() { Exact = true }).IsCheckedAsync());
        Assert.StartsWith("Error: ", await tam.TitleAsync());
        await Chromium.CheckedAsync(tam, "meeting-schedule-error");

        await tam.Locator("#title").FillAsync(title);
        await tam.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();
        await tam.Locator("h1", new() { HasText = title }).WaitForAsync();
        var meetingUrl = tam.Url;
        Assert.Contains("Tam Lead", await tam.Locator(".nhsuk-summary-list").InnerTextAsync());
        await Chromium.CheckedAsync(tam);

        // The programme lists it; the coordinator opens it from there and adds a person to discuss.
        var casey = await workspace.SignInAsync("Casey Coordinator");
        await casey.GotoAsync(workspace.Url("/meetings"));
        Assert.Contains("Case review", await casey.Locator("tr", new() { HasText = title }).InnerTextAsync());
        await Chromium.CheckedAsync(casey, "meetings-programme");
        await casey.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await casey.GetByRole(AriaRole.Link, new() { Name = "Add an item to the agenda" }).ClickAsync();
        await casey.Locator("h1", new() { HasText = "Add an item to the agenda" }).WaitForAsync();
        Assert.Contains("wait for the chair", await casey.Locator(".nhsuk-inset-text").InnerTextAsync());
        await Chromium.CheckedAsync(casey);
        await casey.Locator("#nhsNumber").FillAsync(GatewayCalls.NewNhsNumber());
        await casey.Locator("#reason").FillAsync("Two falls since discharge; lives alone");
        await casey.Locator("#question").FillAsync("Is a falls clinic referral needed now?");
        await casey.GetByRole(AriaRole.Button, new() { Name = "Add to the agenda" }).ClickAsync();
        await casey.WaitForURLAsync(meetingUrl);
        Assert.Contains("Waiting for Tam Lead", await casey.Locator("main").InnerTextAsync());
        Assert.Equal(0, await casey.GetByRole(AriaRole.Button, new() { Name = "Approve" }).CountAsync());
        await Chromium.CheckedAsync(casey);

        // The chair confirms it onto the agenda.
        await tam.ReloadAsync();
        await tam.GetByRole(AriaRole.Button, new() { Name = "Approve Two falls since discharge; lives alone" }).ClickAsync();
        Assert.Contains("Item approved", await tam.Locator(".nhsuk-notification-banner").InnerTextAsync());
        var agenda = tam.Locator("table", new() { HasText = "Question for the team" });
        Assert.Contains("Is a falls clinic referral needed now?", await agenda.InnerTextAsync());
        Assert.Contains("Not started", await agenda.InnerTextAsync());
        await Chromium.CheckedAsync(tam, "meeting-agenda-confirmed");

        // The papers pack, read by the workspace with the chair's token and passed on with the service's own policy, not stored.
        var papers = await tam.Context.APIRequest.GetAsync(meetingUrl + "/papers");
        Assert.Equal(200, papers.Status);
        Assert.StartsWith("text/html", papers.Headers["content-type"]);
        Assert.StartsWith("default-src 'none'", papers.Headers["content-security-policy"]);
        Assert.Contains("no-store", papers.Headers["cache-control"]);
        Assert.Contains("Is a falls clinic referral needed now?", await papers.TextAsync());
        var pdf = await tam.Context.APIRequest.GetAsync(meetingUrl + "/papers.pdf");
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"]);
        await tam.GetByRole(AriaRole.Button, new() { Name = "Mark the papers circulated" }).ClickAsync();
        Assert.Contains("Papers marked circulated", await tam.Locator(".nhsuk-notification-banner").InnerTextAsync());
        Assert.Contains("Circulated", await tam.Locator(".nhsuk-summary-list").InnerTextAsync());

        // Attendance: a GP alone is not quorate (two at least); with the coordinator too it is.
        await tam.GetByRole(AriaRole.Link, new() { Name = "Record attendance" }).ClickAsync();
        await tam.Locator("h1", new() { HasText = "Attendance" }).WaitForAsync();
        await Chromium.CheckedAsync(tam);
        await AddAttendeeAsync(tam, 0, "Dr Cleo Clinician", "gp", "Y00001");
        Assert.Contains("Not quorate", await tam.Locator(".nhsuk-summary-list").InnerTextAsync());
        await tam.GetByRole(AriaRole.Link, new() { Name = "Record attendance" }).ClickAsync();
        Assert.True(await tam.Locator("#attendees-0-status").IsCheckedAsync());
        await AddAttendeeAsync(tam, 1, "Casey Coordinator", "care-coordinator", "Y00001");
        Assert.Contains("2 people present", await tam.Locator(".nhsuk-summary-list").InnerTextAsync());
        Assert.DoesNotContain("Not quorate", await tam.Locator(".nhsuk-summary-list").InnerTextAsync());

        // The minute, as a draft first, with a decision.
        await tam.GetByRole(AriaRole.Link, new() { Name = "Write the minute for item 1: Two falls since discharge; lives alone" }).ClickAsync();
        await tam.Locator("h1", new() { HasText = "Minute:" }).WaitForAsync();
        await Chromium.CheckedAsync(tam);
        await tam.Locator("#situation").FillAsync("Two falls since discharge on 2 March; daughter visits weekly.");
        await tam.Locator("#discussion").FillAsync("District nurse has seen her twice. The team agreed the falls risk is rising.");
        await tam.Locator("#decisions-0-kind").SelectOptionAsync("refer-on");
        await tam.Locator("#decisions-0-text").FillAsync("Falls clinic, St James's");
        await tam.Locator("#nextSteps").FillAsync("Care coordinator to refer and call her daughter this week.");
        await tam.GetByLabel("Discussed", new() { Exact = true }).CheckAsync();
        await tam.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        Assert.Contains("Draft minute saved", await tam.Locator(".nhsuk-notification-banner").InnerTextAsync());

        // An action from the item, for the coordinator.
        await tam.GetByRole(AriaRole.Link, new() { Name = "Continue the minute for item 1: Two falls since discharge; lives alone" }).ClickAsync();
        Assert.Equal("Falls clinic, St James's", await tam.Locator("#decisions-0-text").InputValueAsync());
        await tam.GetByRole(AriaRole.Link, new() { Name = "Record an action from this item" }).ClickAsync();
        await tam.Locator("h1", new() { HasText = "Record an action" }).WaitForAsync();
        await Chromium.CheckedAsync(tam);
        await tam.Locator("#description").FillAsync(action);
        await tam.Locator("#owner-userId").SelectOptionAsync("dev-care-coordinator");
        await FillDateAsync(tam, "dueOn", today.AddDays(7));
        await tam.GetByRole(AriaRole.Button, new() { Name = "Record the action" }).ClickAsync();
        await tam.Locator("h1", new() { HasText = "Minute:" }).WaitForAsync();
        Assert.Contains("Casey Coordinator", await tam.Locator("tr", new() { HasText = action }).InnerTextAsync());
        await Chromium.CheckedAsync(tam, "meeting-minute");

        await tam.GetByRole(AriaRole.Button, new() { Name = "Save and finalise" }).ClickAsync();
        Assert.Contains("Minute finalised", await tam.Locator(".nhsuk-notification-banner").InnerTextAsync());
        Assert.Contains("Final", await tam.Locator("table", new() { HasText = "Question for the team" }).InnerTextAsync());
        await tam.GetByRole(AriaRole.Button, new() { Name = "Close the meeting" }).ClickAsync();
        Assert.Contains("Meeting closed", await tam.Locator(".nhsuk-notification-banner").InnerTextAsync());
        Assert.Contains("Held", await tam.Locator("main .nhsuk-tag").First.InnerTextAsync());
        await Chromium.CheckedAsync(tam, "meeting-held");

        // The owner finds it among her actions and marks it done.
        await casey.GetByRole(AriaRole.Link, new() { Name = "My actions" }).First.ClickAsync();
        await casey.WaitForURLAsync(workspace.Url("/actions"));
        Assert.Equal("My actions", (await casey.Locator("h1").InnerTextAsync()).Trim());
        var row = casey.Locator("tr", new() { HasText = action });
        Assert.Contains(today.AddDays(7).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), await row.InnerTextAsync());
        await Chromium.CheckedAsync(casey, "my-actions");
        var done = row.Locator("button");
        Assert.Equal($"Mark as done: {action}", (await done.TextContentAsync())!.Trim());
        await done.ClickAsync();
        Assert.Contains("Action marked as done", await casey.Locator(".nhsuk-notification-banner").InnerTextAsync());
        Assert.Equal(0, await casey.Locator("tr", new() { HasText = action }).CountAsync());
        await Chromium.CheckedAsync(casey);

        // The meeting's log shows it done.
        await tam.ReloadAsync();
        Assert.Contains("Done", await tam.Locator("tr", new() { HasText = action }).InnerTextAsync());
        await casey.Context.CloseAsync();
        await tam.Context.CloseAsync();
    }

    [Fact]
    public async Task A_person_proposed_by_an_escalation_is_added_to_a_meetings_agenda_from_its_page_on_a_narrow_screen()
    {
        var api = workspace.Api;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London).DateTime);
        // Two weeks ahead: the agenda is still open, so the addition is confirmed at once.
        var meeting = await api.MeetingScheduledAsync($"Practice case review {Guid.NewGuid().ToString("N")[..6]}", today.AddDays(14));
        var concern = $"Not eating since her husband died ({Guid.NewGuid().ToString("N")[..8]})";
        await api.EscalatedAsync(await api.ReferralReceivedAsync("Grace", "Darling"), concern);

        // At 320px: the tables stack, row by row, rather than the page scrolling sideways.
        var casey = await workspace.SignInAsync("Casey Coordinator", width: 320);
        await casey.GotoAsync(workspace.Url("/meetings"));
        await Chromium.CheckedAsync(casey);
        Assert.False(await Chromium.ScrollsSidewaysAsync(casey));
        await casey.GotoAsync(workspace.Url($"/meetings/{meeting}"));
        // The proposal comes by the escalation's event, moments later.
        var proposal = casey.Locator("tr", new() { HasText = concern });
        for (var tries = 0; await proposal.CountAsync() == 0 && tries < 30; tries++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await casey.ReloadAsync();
        }

        Assert.Contains("Escalation raised", await proposal.InnerTextAsync());
        await Chromium.CheckedAsync(casey, "meeting-proposals-320");
        Assert.False(await Chromium.ScrollsSidewaysAsync(casey));

        await proposal.GetByRole(AriaRole.Button).ClickAsync();
        Assert.Contains("Added to the agenda", await casey.Locator(".nhsuk-notification-banner").InnerTextAsync());
        Assert.Contains(concern, await casey.Locator("table", new() { HasText = "Question for the team" }).InnerTextAsync());
        Assert.Equal(0, await casey.Locator("form tr", new() { HasText = concern }).CountAsync());
        await Chromium.CheckedAsync(casey, "meeting-agenda-320");
        Assert.False(await Chromium.ScrollsSidewaysAsync(casey));
        await casey.GotoAsync(workspace.Url("/actions"));
        await Chromium.CheckedAsync(casey);
        Assert.False(await Chromium.ScrollsSidewaysAsync(casey));
        await casey.Context.CloseAsync();
    }

    private static async Task FillDateAsync(IPage page, string path, DateOnly date)
    {
        await page.Locator($"#{path}").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{path}-month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{path}-year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Someone else present, in the attendance form's last row (<paramref name="row"/>), saved; back on the meeting's page.</summary>
    private static async Task AddAttendeeAsync(IPage page, int row, string name, string role, string organisation)
    {
        await page.Locator($"#attendees-{row}-name").FillAsync(name);
        await page.Locator($"#attendees-{row}-role").SelectOptionAsync(role);
        await page.Locator($"#attendees-{row}-organisation").FillAsync(organisation);
        await page.Locator($"#attendees-{row}-status").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save attendance" }).ClickAsync();
        await page.Locator("h2", new() { HasText = "Agenda" }).WaitForAsync();
    }
}
