using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Identity.Accounts;
using CareMesh.Identity.Invitations;
using CareMesh.Identity.SecurityEvents;
using CareMesh.Identity.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Identity.Tests.Invitations;

public sealed class InvitationTests(PartnerFactory factory) : IClassFixture<PartnerFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewEmail() => $"pat.{Guid.NewGuid():N}@partner.example";

    [Fact]
    public async Task A_team_lead_invites_a_partner_whose_link_makes_the_account_once_and_then_is_spent()
    {
        var email = NewEmail();
        var before = await factory.LastSecurityEventIdAsync();
        using var teamLead = factory.CreateClientAs(CareMeshRoles.TeamLead, PartnerFactory.Practice);

        using var created = await teamLead.PostAsJsonAsync(InvitationsApi.Path, new { email, displayName = "Pat Partner", organisation = PartnerFactory.PartnerOrganisation });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(PartnerFactory.PartnerOrganisation, body.GetProperty("organisation").GetString());
        Assert.Equal(PartnerFactory.Practice, body.GetProperty("sponsorOrganisation").GetString());
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - factory.Clock.GetUtcNow(), PartnerFactory.InvitationsValidFor - TimeSpan.FromMinutes(1), PartnerFactory.InvitationsValidFor);
        var mail = Assert.Single(factory.MailTo(email));
        var link = PartnerFactory.LinkIn(mail);
        // Only a hash of the link's secret is stored.
        var secret = link.Split('/').Last();
        Assert.False(await factory.InDatabaseAsync(db => db.Invitations.AnyAsync(i => i.SecretHash.Length != 32)));
        Assert.DoesNotContain(secret, await factory.InDatabaseAsync(async db => string.Join(' ', (await db.Invitations.ToListAsync()).Select(i => Convert.ToBase64String(i.SecretHash)))));

        using var browser = factory.CreateBrowser();
        await PartnerFactory.AcceptAsync(browser, link);

        var account = await factory.InDatabaseAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(CareMeshRoles.VcsPartner, account.Role);
        Assert.Equal(PartnerFactory.PartnerOrganisation, account.Organisation);
        Assert.Equal(PartnerFactory.Practice, account.SponsorOrganisation);
        Assert.False(account.TwoFactorEnabled);

        // Spent: neither this browser nor another can use the link again.
        using var again = await factory.CreateBrowser().GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("expired or has been used already", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.InDatabaseAsync(db => db.Users.CountAsync(u => u.Email == email)));

        var events = await factory.SecurityEventsAfterAsync(before);
        var sent = Assert.Single(events, e => e.Kind == SecurityEventKinds.InvitationSent);
        Assert.Equal($"user-{CareMeshRoles.TeamLead}", sent.ActorId);
        var accepted = Assert.Single(events, e => e.Kind == SecurityEventKinds.InvitationAccepted);
        Assert.Equal(account.Id, accepted.AccountId);
        Assert.Equal($"user-{CareMeshRoles.TeamLead}", accepted.ActorId);
        Assert.Single(events, e => e.Kind == SecurityEventKinds.InvitationRefused);
        Assert.All(events, e => Assert.NotNull(e.TraceId));
        Assert.All(events, e => Assert.DoesNotContain(secret, e.Detail ?? ""));
    }

    [Fact]
    public async Task A_form_posted_twice_with_the_same_link_makes_one_account()
    {
        var email = NewEmail();
        var link = await factory.InviteAsync(email);
        using var browser = factory.CreateBrowser();
        using var page = await browser.GetAsync(link);
        var form = (await BrowserSession.PageAsync(page)).Forms.Single();
        var fields = new Dictionary<string, string> { ["password"] = PartnerFactory.Password, ["confirmPassword"] = PartnerFactory.Password };

        using var first = await browser.SubmitAsync(form, fields);
        using var second = await browser.SubmitAsync(form, fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(1, await factory.InDatabaseAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task An_invitation_expires_after_its_option_and_its_link_then_makes_no_account()
    {
        var email = NewEmail();
        var link = await factory.InviteAsync(email);
        using var browser = factory.CreateBrowser();
        using var page = await browser.GetAsync(link);
        var form = (await BrowserSession.PageAsync(page)).Forms.Single();

        factory.Clock.Advance(PartnerFactory.InvitationsValidFor + TimeSpan.FromSeconds(1));

        using var opened = await factory.CreateBrowser().GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
        // The page opened before it expired cannot use it either.
        using var posted = await browser.SubmitAsync(form, new Dictionary<string, string> { ["password"] = PartnerFactory.Password, ["confirmPassword"] = PartnerFactory.Password });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.False(await factory.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Just_before_it_expires_the_link_still_works()
    {
        var email = NewEmail();
        var link = await factory.InviteAsync(email);
        factory.Clock.Advance(PartnerFactory.InvitationsValidFor - TimeSpan.FromMinutes(1));

        await PartnerFactory.AcceptAsync(factory.CreateBrowser(), link);

        Assert.True(await factory.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [InlineData("short pass", "at least 12 characters")]
    [InlineData("password1234", "most commonly used")]
    [InlineData("P@ssw0rd2024!", "most commonly used")]
    [InlineData("monkeymonkey", "most commonly used")]
    [InlineData("aaaaaaaaaaaaaaaa", "pattern")]
    [InlineData("1234567890123", "pattern")]
    [InlineData("qwertyuiopasdf", "pattern")]
    [InlineData("pat-partner-2026!", "name, email address or organisation")]
    public async Task A_password_the_policy_refuses_is_said_why_and_the_link_stays_good(string password, string why)
    {
        var email = NewEmail();
        var link = await factory.InviteAsync(email, name: "Pat Partner");
        using var browser = factory.CreateBrowser();
        using var page = await browser.GetAsync(link);

        using var refused = await browser.SubmitAsync((await BrowserSession.PageAsync(page)).Forms.Single(),
            new Dictionary<string, string> { ["password"] = password, ["confirmPassword"] = password });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(why, (await BrowserSession.PageAsync(refused)).QuerySelector(".error")!.TextContent);
        Assert.False(await factory.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        // No composition rules: a long passphrase of plain words will do.
        await PartnerFactory.AcceptAsync(browser, link, "wobbly kettle under sixteen clouds");
    }

    [Fact]
    public async Task Two_different_passwords_are_refused()
    {
        var email = NewEmail();
        using var browser = factory.CreateBrowser();
        using var page = await browser.GetAsync(await factory.InviteAsync(email));

        using var refused = await browser.SubmitAsync((await BrowserSession.PageAsync(page)).Forms.Single(),
            new Dictionary<string, string> { ["password"] = PartnerFactory.Password, ["confirmPassword"] = PartnerFactory.Password + "x" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(await factory.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task An_unknown_link_is_not_found()
    {
        using var opened = await factory.CreateBrowser().GetAsync(InvitationPages.LinkPath + "/not-a-real-secret");

        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
    }

    [Theory]
    [InlineData("""{"email":"not-an-email","displayName":"Pat","organisation":"6f1c2b7e-1a0d-4c55-9b2e-52f0b7c0e4aa"}""", "email")]
    [InlineData("""{"email":"Pat <pat@partner.example>","displayName":"Pat","organisation":"6f1c2b7e-1a0d-4c55-9b2e-52f0b7c0e4aa"}""", "email")]
    [InlineData("""{"email":"pat@partner.example","displayName":"","organisation":"6f1c2b7e-1a0d-4c55-9b2e-52f0b7c0e4aa"}""", "displayName")]
    [InlineData("""{"email":"pat@partner.example","displayName":"Pat","organisation":"Y00002"}""", "organisation")]
    [InlineData("""{"email":"pat@partner.example","displayName":"Pat"}""", "organisation")]
    // Longer than the invitations table holds, though an email address may be 320 characters.
    [InlineData("""{"email":"pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp@partnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartnerpartner.example","displayName":"Pat","organisation":"6f1c2b7e-1a0d-4c55-9b2e-52f0b7c0e4aa"}""", "email")]
    [InlineData("""{"email":"pat@partner.example","displayName":"Pat","organisation":"00000000-0000-0000-0000-000000000000"}""", "organisation")]
    public async Task Bad_input_is_a_problem_naming_the_field_and_nothing_is_written_or_sent(string json, string field)
    {
        using var teamLead = factory.CreateClientAs(CareMeshRoles.TeamLead);

        using var refused = await teamLead.PostAsync(InvitationsApi.Path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.False(await factory.InDatabaseAsync(db => db.Invitations.AnyAsync()));
        Assert.Empty(factory.MailTo("pat@partner.example"));
    }

    [Fact]
    public async Task A_second_invitation_for_the_same_email_while_one_is_open_is_a_conflict()
    {
        var email = NewEmail();
        await factory.InviteAsync(email);
        using var teamLead = factory.CreateClientAs(CareMeshRoles.TeamLead);

        using var again = await teamLead.PostAsJsonAsync(InvitationsApi.Path, new { email = email.ToUpperInvariant(), displayName = "Pat", organisation = PartnerFactory.PartnerOrganisation });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await factory.InDatabaseAsync(db => db.Invitations.ToListAsync()));
    }

    [Theory]
    [InlineData(CareMeshRoles.CareCoordinator)]
    [InlineData(CareMeshRoles.VcsPartner)]
    [InlineData(CareMeshRoles.Ops)]
    public async Task Only_team_leads_and_admins_invite(string role)
    {
        using var caller = factory.CreateClientAs(role);

        using var refused = await caller.PostAsJsonAsync(InvitationsApi.Path, new { email = NewEmail(), displayName = "Pat", organisation = PartnerFactory.PartnerOrganisation });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(await factory.InDatabaseAsync(db => db.Invitations.AnyAsync()));
    }

    [Fact]
    public async Task Without_a_token_the_invitations_answer_401()
    {
        using var anonymous = factory.CreateClient();

        using var refused = await anonymous.PostAsJsonAsync(InvitationsApi.Path, new { email = NewEmail(), displayName = "Pat", organisation = PartnerFactory.PartnerOrganisation });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
