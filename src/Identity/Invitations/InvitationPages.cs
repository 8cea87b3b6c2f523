using CareMesh.Identity.Accounts;
using CareMesh.Identity.Data;
using CareMesh.Identity.SecurityEvents;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Identity.Invitations;

/// <summary>
/// Where an invitation's link leads: the person sets a password, which makes the account and spends the link, then
/// enrols an authenticator app (<see cref="PartnerSignIn"/>). The link's path holds the secret, so requests under it
/// are never traced (<c>SecretBearingPaths</c>); the form posts it in its body.
/// </summary>
public static class InvitationPages
{
    public const string LinkPath = "/account/invitation";

    private const string Gone = "<p>This invitation link has expired or has been used already. Ask your CareMesh team lead for a new one.</p>";

    public static void MapInvitationPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(LinkPath).AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("/{secret}", OpenAsync);
        pages.MapPost("", AcceptAsync);
    }

    private static async Task<IResult> OpenAsync(HttpContext http, IAntiforgery antiforgery, string secret, IdentityDbContext db, TimeProvider clock, SecurityEventLog events)
    {
        if (await OpenInvitationAsync(db, secret, clock) is not { } invitation)
        {
            await events.RecordAsync(SecurityEventKinds.InvitationRefused, detail: "link expired, used or unknown");
            return Pages.Page("Invitation no longer valid", Gone, StatusCodes.Status404NotFound);
        }

        return PasswordPage(http, antiforgery, invitation, secret);
    }

    private static IResult PasswordPage(HttpContext http, IAntiforgery antiforgery, Invitation invitation, string secret, string? error = null) =>
        Pages.Page("Set your password",
            $"""
            <p>Welcome, {Pages.Encode(invitation.DisplayName)}. You will sign in to CareMesh as <strong>{Pages.Encode(invitation.Email)}</strong>.</p>
            {Pages.Form(http, antiforgery, LinkPath,
                Pages.Field("password", "Choose a password", "password", "new-password", error,
                    $"At least {PasswordPolicy.MinimumLength} characters. Three or four random words make a strong password you can remember; common passwords are refused.") +
                Pages.Field("confirmPassword", "Type it again", "password", "new-password") +
                """<button type="submit">Continue</button>""",
                ("secret", secret))}
            """,
            error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    private static async Task<IResult> AcceptAsync(
        HttpContext http, IAntiforgery antiforgery, [FromForm] string? secret, [FromForm] string? password, [FromForm] string? confirmPassword,
        IdentityDbContext db, UserManager<Account> accounts, TimeProvider clock, SecurityEventLog events)
    {
        if (secret is not { Length: > 0 and <= 100 } || await OpenInvitationAsync(db, secret, clock) is not { } invitation)
        {
            await events.RecordAsync(SecurityEventKinds.InvitationRefused, detail: "link expired, used or unknown");
            return Pages.Page("Invitation no longer valid", Gone, StatusCodes.Status404NotFound);
        }

        if (password != confirmPassword)
        {
            return PasswordPage(http, antiforgery, invitation, secret, "The two passwords are not the same.");
        }

        var account = new Account
        {
            Id = Guid.NewGuid().ToString(),
            UserName = invitation.Email,
            Email = invitation.Email,
            // The link reached them at this address.
            EmailConfirmed = true,
            DisplayName = invitation.DisplayName,
            Role = CareMeshRoles.VcsPartner,
            Organisation = invitation.Organisation,
            SponsorOrganisation = invitation.SponsorOrganisation,
        };
        if (PasswordPolicy.Refusal(password, account) is { } refusal)
        {
            return PasswordPage(http, antiforgery, invitation, secret, refusal);
        }

        // The link is spent and the account made together, or neither: two tabs racing get one account.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var now = clock.GetUtcNow();
            var spent = await db.Invitations
                .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(i => i.SetProperty(x => x.AcceptedAt, now).SetProperty(x => x.AccountId, account.Id));
            if (spent != 1)
            {
                return Pages.Page("Invitation no longer valid", Gone, StatusCodes.Status404NotFound);
            }

            var created = await accounts.CreateAsync(account, password!);
            if (!created.Succeeded)
            {
                // Rolled back: the link stays good for another try.
                return PasswordPage(http, antiforgery, invitation, secret, string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await transaction.CommitAsync();
        }

        await events.RecordAsync(SecurityEventKinds.InvitationAccepted, account.Id, actorId: invitation.InvitedBy, detail: $"invitation {invitation.Id}");
        // The password was just set: on to enrolling the authenticator, as after a password sign-in.
        await PartnerSignIn.PasswordCheckedAsync(http, account);
        return Results.Redirect(http.Request.PathBase + PartnerSignIn.EnrolmentPath);
    }

    private static Task<Invitation?> OpenInvitationAsync(IdentityDbContext db, string secret, TimeProvider clock)
    {
        var hash = InvitationsApi.HashOf(secret);
        var now = clock.GetUtcNow();
        return db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.SecretHash == hash && i.AcceptedAt == null && i.ExpiresAt > now);
    }
}
