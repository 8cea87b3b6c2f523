using Microsoft.Playwright;

namespace CareMesh.Browser.Tests.Referrals;

/// <summary>
/// A GP's referral from intake to first contact, by keyboard alone (WCAG 2.1.1): signed in, taken in, triaged,
/// allocated, accepted and the person reached, through the real gateway and Referrals service, with axe on each page.
/// </summary>
[Collection(WorkspaceCollection.Name)]
public class ReferralJourneyTests(WorkspaceFixture workspace)
{
    /// <summary>The referral's own page, where each saved form returns (a refused one stays on the form).</summary>
    private static readonly System.Text.RegularExpressions.Regex ReferralPage = new("/referrals/[0-9a-f-]{36}([?]|$)");

    [Fact]
    public async Task A_coordinator_takes_a_GP_referral_from_intake_to_first_contact_with_the_keyboard_alone()
    {
        await workspace.Api.TeamMemberAsync("dev-care-coordinator", "Casey Coordinator", "care-coordinator");
        var nhsNumber = GatewayCalls.NewNhsNumber();
        var page = await workspace.Chromium.NewPageAsync(1280);
        await page.GotoAsync(workspace.Url("/"));
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Casey Coordinator" }));
        await page.WaitForURLAsync("**/caseload");

        // Intake.
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "New referral" }));
        await Keyboard.TypeAsync(page, page.GetByLabel("NHS number"), nhsNumber);
        await Keyboard.TypeAsync(page, page.GetByLabel("Given name"), "Rosa");
        await Keyboard.TypeAsync(page, page.GetByLabel("Family name"), "Parks");
        await Keyboard.TypeAsync(page, page.Locator("[name='patient.dateOfBirth.day']"), "4");
        await Keyboard.TypeAsync(page, page.Locator("[name='patient.dateOfBirth.month']"), "2");
        await Keyboard.TypeAsync(page, page.Locator("[name='patient.dateOfBirth.year']"), "1948");
        await Keyboard.TypeAsync(page, page.GetByLabel("Registered practice's ODS code"), "Y00001");
        await Keyboard.TypeAsync(page, page.GetByLabel("Reason for referral"), "Recently bereaved, not leaving the house");
        await Keyboard.ChooseAsync(page, page.GetByLabel("Routine"));
        await Keyboard.SelectAsync(page, page.GetByLabel("Who referred"), "gp");
        await Keyboard.TypeAsync(page, page.GetByLabel("Referrer's name (leave blank for a self-referral)"), "Dr Asha Patel");
        await Keyboard.TickAsync(page, page.GetByLabel("Social isolation"));
        await Keyboard.TickAsync(page, page.GetByLabel("Lives alone"));
        await Keyboard.ChooseAsync(page, page.Locator("[name='consent.toShare'][value='true']"));
        await Keyboard.TickAsync(page, page.Locator("[name='consent.with'][value='gp']"));
        await Chromium.CheckedAsync(page, "journey-intake");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save referral" }));
        await page.WaitForURLAsync(ReferralPage);
        Assert.DoesNotContain(nhsNumber, page.Url);
        await Chromium.CheckedAsync(page, "journey-received");

        // Triage, allocation to herself, acceptance.
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Triage", Exact = true }));
        await Keyboard.ChooseAsync(page, page.GetByLabel("Care coordinator", new() { Exact = true }));
        await Keyboard.ChooseAsync(page, page.GetByLabel("Standard"));
        await Chromium.CheckedAsync(page, "journey-triage");
        await StepAsync(page, "Save triage", "Triaged");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Allocate", Exact = true }));
        await Keyboard.ChooseAsync(page, page.GetByLabel("Casey Coordinator (Care coordinator)"));
        await Chromium.CheckedAsync(page, "journey-allocate");
        await StepAsync(page, "Allocate", "Allocated");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Accept", Exact = true }));
        await Keyboard.TypeAsync(page, page.GetByLabel("What happens next, for the referrer (optional)"), "A call this week");
        await StepAsync(page, "Accept", "Accepted");

        // First contact: reached by phone.
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Record a contact" }));
        await Keyboard.SelectAsync(page, page.GetByLabel("How", new() { Exact = true }), "phone");
        await Keyboard.ChooseAsync(page, page.GetByLabel("Reached"));
        await Keyboard.TypeAsync(page, page.GetByLabel("How long, in minutes (optional)"), "20");
        await Keyboard.TypeAsync(page, page.GetByLabel("Notes (optional)"), "Would like to try the lunch club");
        await Chromium.CheckedAsync(page, "journey-contact");
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save contact" }));
        await page.WaitForURLAsync(ReferralPage);
        var timeline = await page.Locator("#maincontent").InnerTextAsync();
        Assert.Contains("Would like to try the lunch club", timeline);
        Assert.Contains("Contact by phone: reached", timeline);
        await Chromium.CheckedAsync(page, "journey-contacted");

        // On her caseload.
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Back to my caseload" }));
        await page.WaitForURLAsync("**/caseload");
        Assert.Contains("Rosa Parks", await page.Locator("tbody").InnerTextAsync());
        await Chromium.CheckedAsync(page, "journey-caseload");
        await page.Context.CloseAsync();
    }

    /// <summary>Submits a step by keyboard and checks the referral's page now shows its new status.</summary>
    private static async Task StepAsync(IPage page, string button, string status)
    {
        await Keyboard.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }));
        await page.WaitForURLAsync(ReferralPage);
        Assert.Contains(status, await page.Locator(".nhsuk-tag").AllInnerTextsAsync());
    }
}
