using System.Security.Claims;
using CareMesh.Identity.SecurityEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace CareMesh.Identity.Accounts;

/// <summary>
/// Managing accounts: disabling and enabling them, and resetting a partner's authenticator. An admin manages any
/// account; a team lead only the partner accounts their own organisation sponsors (others are not found).
/// </summary>
public static class AccountsApi
{
    public const string Path = "/api/accounts";

    public sealed record AccountStatus(string Id, string DisplayName, string Role, string Organisation, string? SponsorOrganisation,
        bool Disabled, bool LockedOut, bool AuthenticatorEnrolled);

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup(Path).WithTags("Accounts").RequireAuthorization(CareMeshPolicies.TeamLeads);
        accounts.MapGet("/{id}", GetAsync).WithSummary("An account's status: disabled, locked out, authenticator enrolled");
        accounts.MapPost("/{id}/disable", DisableAsync)
            .WithSummary("Disable an account")
            .WithDescription("It signs in no more, and every token and sign-in it holds is revoked at once: its refresh tokens are refused from now.");
        accounts.MapPost("/{id}/enable", EnableAsync).WithSummary("Enable a disabled account, and end a lockout");
        accounts.MapPost("/{id}/reset-authenticator", ResetAuthenticatorAsync)
            .Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Reset a partner's authenticator")
            .WithDescription("The old authenticator's codes are refused; the partner enrols a new one at their next sign-in. Their tokens are revoked.");
    }

    private static async Task<Results<Ok<AccountStatus>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, UserManager<Account> accounts) =>
        await ManagedAsync(id, user, accounts) is { } account
            ? TypedResults.Ok(await StatusOfAsync(account, accounts))
            : NotManaged();

    private static async Task<Results<Ok<AccountStatus>, ProblemHttpResult>> DisableAsync(
        string id, ClaimsPrincipal user, UserManager<Account> accounts, TimeProvider clock,
        IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, SecurityEventLog events)
    {
        if (await ManagedAsync(id, user, accounts) is not { } account)
        {
            return NotManaged();
        }

        if (account.DisabledAt is null)
        {
            account.DisabledAt = clock.GetUtcNow();
            await accounts.UpdateAsync(account);
            await EndSessionsAsync(account, accounts, authorizations, tokens);
            await events.RecordAsync(SecurityEventKinds.AccountDisabled, account.Id, actorId: user.UserId());
        }

        return TypedResults.Ok(await StatusOfAsync(account, accounts));
    }

    private static async Task<Results<Ok<AccountStatus>, ProblemHttpResult>> EnableAsync(
        string id, ClaimsPrincipal user, UserManager<Account> accounts, SecurityEventLog events)
    {
        if (await ManagedAsync(id, user, accounts) is not { } account)
        {
            return NotManaged();
        }

        account.DisabledAt = null;
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        await accounts.UpdateAsync(account);
        await events.RecordAsync(SecurityEventKinds.AccountEnabled, account.Id, actorId: user.UserId());
        return TypedResults.Ok(await StatusOfAsync(account, accounts));
    }

    private static async Task<Results<Ok<AccountStatus>, ProblemHttpResult>> ResetAuthenticatorAsync(
        string id, ClaimsPrincipal user, UserManager<Account> accounts, Authenticator authenticator,
        IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, SecurityEventLog events)
    {
        if (await ManagedAsync(id, user, accounts) is not { } account)
        {
            return NotManaged();
        }

        if (!await accounts.HasPasswordAsync(account))
        {
            return TypedResults.Problem("This account signs in elsewhere (NHS CIS2): it has no authenticator here.", statusCode: StatusCodes.Status409Conflict);
        }

        await authenticator.ResetAsync(accounts, account);
        await EndSessionsAsync(account, accounts, authorizations, tokens);
        await events.RecordAsync(SecurityEventKinds.AuthenticatorReset, account.Id, actorId: user.UserId());
        return TypedResults.Ok(await StatusOfAsync(account, accounts));
    }

    /// <summary>The account, if the caller manages it: an admin any, a team lead the partners their organisation sponsors.</summary>
    private static async Task<Account?> ManagedAsync(string id, ClaimsPrincipal user, UserManager<Account> accounts)
    {
        if (id.Length > 200 || await accounts.FindByIdAsync(id) is not { } account)
        {
            return null;
        }

        return user.Role() == CareMeshRoles.Admin
               || (account.Role == CareMeshRoles.VcsPartner && account.SponsorOrganisation is { } sponsor && sponsor == user.Organisation())
            ? account
            : null;
    }

    /// <summary>Signs it out everywhere: a new security stamp ends its cookies; its authorizations and tokens are revoked.</summary>
    private static async Task EndSessionsAsync(Account account, UserManager<Account> accounts, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
    {
        await accounts.UpdateSecurityStampAsync(account);
        await authorizations.RevokeBySubjectAsync(account.Id);
        await tokens.RevokeBySubjectAsync(account.Id);
    }

    private static async Task<AccountStatus> StatusOfAsync(Account account, UserManager<Account> accounts) => new(
        account.Id, account.DisplayName, account.Role, account.Organisation, account.SponsorOrganisation,
        account.DisabledAt is not null, await accounts.IsLockedOutAsync(account), account.TwoFactorEnabled);

    private static ProblemHttpResult NotManaged() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account.", detail: "There is no account with this id that you manage.");
}
