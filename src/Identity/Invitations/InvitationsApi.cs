using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CareMesh.Identity.Accounts;
using CareMesh.Identity.Data;
using CareMesh.Identity.Mail;
using CareMesh.Identity.SecurityEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using MimeKit;

namespace CareMesh.Identity.Invitations;

/// <summary>
/// Inviting someone at a VCS partner to have a CareMesh account. A team lead (or an admin) names the person and the
/// partner's directory organisation; the person gets an email with a single-use link (<see cref="InvitationPages"/>).
/// The inviter's organisation becomes the account's sponsor, whose team leads manage it.
/// </summary>
public static class InvitationsApi
{
    public const string Path = "/api/accounts/invitations";

    public sealed record InvitationRequest(
        [property: Required, Email, MaxLength(Invitation.MaxEmailLength), Description("The person's work email address; the invitation goes there.")]
        [Display(Name = "email address")] string? Email,
        [property: Required, Text(Account.MaxNameLength), Description("The person's name, as colleagues will see it.")]
        [Display(Name = "person's name")] string? DisplayName,
        [property: Required, RegularExpression(GuidPattern), Description("The partner's organisation id in the CareMesh directory.")]
        [Display(Name = "directory organisation id")] string? Organisation);

    private const string GuidPattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    public sealed record InvitationCreated(Guid Id, string Email, string DisplayName, string Organisation, string SponsorOrganisation, DateTimeOffset ExpiresAt);

    public static void MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        var invitations = app.MapGroup(Path).WithTags("Invitations").RequireAuthorization(CareMeshPolicies.TeamLeads);
        invitations.MapPost("", InviteAsync)
            .Refuses(StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Invite a VCS partner's user to have an account")
            .WithDescription("Emails a link, good once and for Identity:Invitations:ValidFor, where the person sets a password and enrols an authenticator app. "
                             + "The account is a vcs-partner at the given directory organisation; the caller's organisation sponsors it.");
    }

    private static async Task<Results<Created<InvitationCreated>, ValidationProblem, ProblemHttpResult>> InviteAsync(
        InvitationRequest request, ClaimsPrincipal user, HttpContext http, IdentityDbContext db, UserManager<Account> accounts,
        IMailSender mail, IOptions<InvitationOptions> options, IOptions<ProviderOptions> provider, TimeProvider clock, SecurityEventLog events)
    {
        // The record's attributes (which its OpenAPI schema shows), then what mail needs: a plain address that parses as one.
        var errors = RequestValidation.Errors(request, clock);
        if (errors.Count == 0 && (!MailAddress.TryCreate(request.Email, out var address) || address.Address != request.Email || address.DisplayName.Length > 0))
        {
            errors["email"] = ["The email address must be a plain address, such as name@partner.org.uk."];
        }

        if (errors.Count == 0 && Guid.Parse(request.Organisation!) == Guid.Empty)
        {
            errors["organisation"] = ["The partner's directory organisation id is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.Organisation() is not { Length: > 0 } sponsor)
        {
            return TypedResults.Problem("Your sign-in names no organisation to sponsor the account.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!mail.CanSend)
        {
            return TypedResults.Problem("No mail delivery is configured, so no invitation can be sent.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var email = request.Email!;
        var organisation = Guid.Parse(request.Organisation!);
        var now = clock.GetUtcNow();
        var normalised = accounts.NormalizeEmail(email);
        if (await accounts.FindByEmailAsync(email) is not null
            || await db.Invitations.AnyAsync(i => i.Email.ToUpper() == normalised && i.AcceptedAt == null && i.ExpiresAt > now))
        {
            return TypedResults.Problem("There is already an account, or an invitation still open, for this email address.", statusCode: StatusCodes.Status409Conflict);
        }

        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(now),
            SecretHash = HashOf(secret),
            Email = email,
            DisplayName = request.DisplayName!,
            Organisation = organisation.ToString(),
            SponsorOrganisation = sponsor,
            InvitedBy = user.UserId() ?? "unknown",
            CreatedAt = now,
            ExpiresAt = now + options.Value.ValidFor,
        };

        // Saved, then sent, then committed: an invitation whose mail could not go is not left behind.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            var link = $"{PublicBase(http, provider.Value)}{InvitationPages.LinkPath.TrimStart('/')}/{secret}";
            await mail.SendAsync(new MailboxAddress(invitation.DisplayName, invitation.Email), "Your CareMesh account",
                $"""
                Hello {invitation.DisplayName},

                You have been invited to have a CareMesh account, to work with your Primary Care Network on referrals and your organisation's services.

                Set your password and your authenticator app here (the link works once, until {invitation.ExpiresAt:d MMMM yyyy HH:mm} UTC):

                {link}

                If you did not expect this, ignore this email: nothing happens unless the link is used.
                """);
            await transaction.CommitAsync();
        }

        await events.RecordAsync(SecurityEventKinds.InvitationSent, actorId: invitation.InvitedBy, detail: $"invitation {invitation.Id} for {invitation.Organisation}");
        return TypedResults.Created($"{Path}/{invitation.Id}", new InvitationCreated(
            invitation.Id, invitation.Email, invitation.DisplayName, invitation.Organisation, invitation.SponsorOrganisation, invitation.ExpiresAt));
    }

    internal static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The provider's public address (its issuer, through the gateway), or the one this request came to.</summary>
    private static string PublicBase(HttpContext http, ProviderOptions provider) =>
        provider.Issuer?.AbsoluteUri is { } issuer ? issuer.TrimEnd('/') + "/" : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";
}
