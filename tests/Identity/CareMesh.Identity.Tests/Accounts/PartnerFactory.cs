using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using CareMesh.Identity.Accounts;
using CareMesh.Identity.Invitations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OtpNet;

namespace CareMesh.Identity.Tests.Accounts;

/// <summary>The provider with its mail written to a folder of this fixture's own, where tests read the invitations.</summary>
public sealed partial class PartnerFactory : IdentityFactory
{
    /// <summary>A partner organisation in the directory (its id), and the team lead's practice that sponsors it.</summary>
    public const string PartnerOrganisation = "6f1c2b7e-1a0d-4c55-9b2e-52f0b7c0e4aa";
    public const string Practice = "Y00001";
    public const string Password = "lantern orchard velvet canal";

    public static readonly TimeSpan InvitationsValidFor = TimeSpan.FromHours(48);

    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "caremesh-identity-mail-" + Guid.NewGuid().ToString("N")[..8]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:Mail:PickupFolder", MailFolder);
        builder.UseSetting("Identity:Invitations:ValidFor", InvitationsValidFor.ToString());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }

    /// <summary>A team lead of <see cref="Practice"/> invites <paramref name="email"/>; the link the email carries.</summary>
    public async Task<string> InviteAsync(string email, string name = "Pat Partner", string organisation = PartnerOrganisation, string sponsor = Practice)
    {
        using var teamLead = CreateClientAs(CareMeshRoles.TeamLead, sponsor);
        using var created = await teamLead.PostAsJsonAsync(InvitationsApi.Path, new { email, displayName = name, organisation });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return LinkIn(MailTo(email).Single());
    }

    /// <summary>The messages sent to <paramref name="email"/>.</summary>
    public IReadOnlyList<MimeMessage> MailTo(string email) =>
        Directory.Exists(MailFolder)
            ? [.. Directory.GetFiles(MailFolder, "*.eml").Select(path => MimeMessage.Load(path)).Where(m => m.To.Mailboxes.Any(to => to.Address == email))]
            : [];

    public static string LinkIn(MimeMessage message) =>
        Link().Match(message.TextBody ?? "") is { Success: true } link ? new Uri(link.Value).PathAndQuery : throw new InvalidOperationException("No link in the mail.");

    /// <summary>Opens the invitation, sets the password, and comes to the authenticator enrolment page.</summary>
    public static async Task<IHtmlDocument> AcceptAsync(BrowserSession browser, string link, string password = Password)
    {
        using var page = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = (await BrowserSession.PageAsync(page)).Forms.Single();
        using var accepted = await browser.SubmitAsync(form, new Dictionary<string, string> { ["password"] = password, ["confirmPassword"] = password });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(PartnerSignIn.EnrolmentPath, accepted.Headers.Location!.OriginalString);
        using var enrolment = await browser.FollowAsync(accepted);
        Assert.Equal(HttpStatusCode.OK, enrolment.StatusCode);
        return await BrowserSession.PageAsync(enrolment);
    }

    /// <summary>The key the enrolment page shows, as the person's app would store it.</summary>
    public static byte[] KeyOn(IHtmlDocument enrolment) => Base32Encoding.ToBytes(enrolment.QuerySelector("code.key")!.TextContent);

    /// <summary>The code the app shows now, by the provider's clock.</summary>
    public string CodeNow(byte[] key) => new Totp(key).ComputeTotp(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Invites, accepts and enrols a partner; the clock then moves on a step, past the enrolment's code.</summary>
    public async Task<(string AccountId, byte[] Key)> EnrolledPartnerAsync(string email)
    {
        using var browser = CreateBrowser();
        var enrolment = await AcceptAsync(browser, await InviteAsync(email));
        var key = KeyOn(enrolment);
        using var enrolled = await browser.SubmitAsync(enrolment.Forms.Single(), new Dictionary<string, string> { ["code"] = CodeNow(key) });
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        Clock.Advance(TimeSpan.FromSeconds(30));
        return (await AccountIdAsync(email), key);
    }

    public async Task<string> AccountIdAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByEmailAsync(email))!.Id;
    }

    /// <summary>Posts email and password on the sign-in page <paramref name="signInPage"/> shows.</summary>
    public static async Task<HttpResponseMessage> SubmitPasswordAsync(BrowserSession browser, HttpResponseMessage signInPage, string email, string password)
    {
        var form = (await BrowserSession.PageAsync(signInPage)).Forms.Single(f => f.Elements.Any(e => e.GetAttribute("name") == "password"));
        return await browser.SubmitAsync(form, new Dictionary<string, string> { ["email"] = email, ["password"] = password });
    }

    /// <summary>From the sign-in page: email and password, and the code page they lead to.</summary>
    public static async Task<HttpResponseMessage> PasswordAsync(BrowserSession browser, string email, string password = Password, string signInUrl = SignInPages.SignInPath)
    {
        using var page = await browser.GetAsync(signInUrl);
        return await SubmitPasswordAsync(browser, page, email, password);
    }

    public static async Task<HttpResponseMessage> CodeAsync(BrowserSession browser, HttpResponseMessage codePage, string code)
    {
        var form = (await BrowserSession.PageAsync(codePage)).Forms.Single();
        return await browser.SubmitAsync(form, new Dictionary<string, string> { ["code"] = code });
    }

    [GeneratedRegex(@"https?://\S+/account/invitation/\S+")]
    private static partial Regex Link();
}
