using Microsoft.AspNetCore.Identity;

namespace CareMesh.Identity.Accounts;

/// <summary>Development only: an account for every CareMesh role, to sign in as from the sign-in page.</summary>
public static class DevelopmentAccounts
{
    /// <summary>The directory organisation the development VCS partner belongs to.</summary>
    public const string PartnerOrganisation = "0b9c3b8e-6c1e-4b7a-9a55-3f0d8f6a1c01";

    public const string Practice = "Y00001";

    public static readonly IReadOnlyList<Account> All =
    [
        Seed(CareMeshRoles.CareCoordinator, "Casey Coordinator", Practice),
        Seed(CareMeshRoles.LinkWorker, "Lee Linkworker", Practice),
        Seed(CareMeshRoles.HealthCoach, "Harper Coach", Practice),
        Seed(CareMeshRoles.Clinician, "Dr Cleo Clinician", Practice),
        Seed(CareMeshRoles.TeamLead, "Tam Lead", Practice),
        Seed(CareMeshRoles.VcsPartner, "Val Partner", PartnerOrganisation),
        Seed(CareMeshRoles.Ops, "Oli Operations", Practice),
        Seed(CareMeshRoles.Admin, "Ada Admin", Practice),
    ];

    private static Account Seed(string role, string name, string organisation) => new()
    {
        Id = $"dev-{role}",
        UserName = $"{role}@caremesh.dev",
        Email = $"{role}@caremesh.dev",
        EmailConfirmed = true,
        DisplayName = $"{name} (development)",
        Role = role,
        Organisation = organisation,
    };

    /// <summary>Creates the accounts that are missing; leaves existing ones as they are.</summary>
    public static async Task SeedAsync(UserManager<Account> accounts)
    {
        foreach (var seed in All)
        {
            if (await accounts.FindByIdAsync(seed.Id) is null)
            {
                var created = await accounts.CreateAsync(new Account
                {
                    Id = seed.Id, UserName = seed.UserName, Email = seed.Email, EmailConfirmed = true,
                    DisplayName = seed.DisplayName, Role = seed.Role, Organisation = seed.Organisation,
                });
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Could not seed {seed.Id}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
