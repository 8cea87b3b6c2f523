using Microsoft.AspNetCore.Identity;

namespace CareMesh.Identity.Accounts;

/// <summary>
/// An email address, where an account has one, belongs to that account alone (it is a partner's sign-in name), and
/// every partner has one. Staff who sign in through NHS CIS2 need none, so Identity's own rule (every account has a
/// unique email) does not fit.
/// </summary>
internal sealed class AccountEmails : IUserValidator<Account>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account account)
    {
        if (account.Email is not { Length: > 0 } email)
        {
            return account.Role == CareMeshRoles.VcsPartner
                ? IdentityResult.Failed(new IdentityError { Code = "EmailRequired", Description = "A partner's account needs an email address." })
                : IdentityResult.Success;
        }

        return await manager.FindByEmailAsync(email) is { } other && other.Id != account.Id
            ? IdentityResult.Failed(manager.ErrorDescriber.DuplicateEmail(email))
            : IdentityResult.Success;
    }
}
