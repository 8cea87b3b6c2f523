using CareMesh.Identity.Accounts;
using CareMesh.Identity.Data;
using CareMesh.Identity.Keys;
using CareMesh.Identity.SecurityEvents;
using CareMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Identity.Tests;

/// <summary>
/// The identity provider in-process on a database of its own (Development: its migrations, development client
/// and seeded accounts), its clock a <see cref="TestClock"/>, with system clients registered as an operator
/// would configure them.
/// </summary>
public class IdentityFactory() : ServiceFactory<Program>("identitydb")
{
    /// <summary>A system client granted the API scope and the directory import scope.</summary>
    public const string ImporterId = "council-importer";
    public const string ImporterSecret = "importer-secret-3f9a1c";
    public const string ImportScope = "directory-import";

    /// <summary>Another system client, whose scope the importer is not granted.</summary>
    public const string ConnectorId = "gp-connector";
    public const string ConnectorSecret = "connector-secret-77b2e0";
    public const string OutcomesScope = "referral-outcomes";

    public const string WebSecret = "caremesh-web-dev-secret";
    public static readonly Uri WebRedirectUri = new("http://localhost:5080/signin-oidc");
    public static readonly Uri WebPostLogoutRedirectUri = new("http://localhost:5080/signout-callback-oidc");

    // Security events are append-only; signing keys are put back by the ring itself (so a test that moved the
    // clock leaves none from its future); the Data Protection keys protect them and the cookies; applications
    // are registered at start only.
    protected override IReadOnlyList<string> TablesKept =>
        [.. base.TablesKept, "security_events", "data_protection_keys", "OpenIddictApplications"];

    protected override async Task OnResetAsync()
    {
        await Services.GetRequiredService<SigningKeyRing>().RefreshAsync();
        await using var scope = Services.CreateAsyncScope();
        await DevelopmentAccounts.SeedAsync(scope.ServiceProvider.GetRequiredService<UserManager<Account>>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"Identity:Clients:Systems:{ImporterId}:Secret", ImporterSecret);
        builder.UseSetting($"Identity:Clients:Systems:{ImporterId}:DisplayName", "Council directory importer");
        builder.UseSetting($"Identity:Clients:Systems:{ImporterId}:Scopes:0", "caremesh");
        builder.UseSetting($"Identity:Clients:Systems:{ImporterId}:Scopes:1", ImportScope);
        builder.UseSetting($"Identity:Clients:Systems:{ImporterId}:Role", CareMeshRoles.Admin);
        builder.UseSetting($"Identity:Clients:Systems:{ImporterId}:Organisation", "Y00001");
        builder.UseSetting($"Identity:Clients:Systems:{ConnectorId}:Secret", ConnectorSecret);
        builder.UseSetting($"Identity:Clients:Systems:{ConnectorId}:Scopes:0", OutcomesScope);
    }

    /// <summary>A client that keeps cookies and follows no redirect, as a test drives a browser step by step.</summary>
    public BrowserSession CreateBrowser() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A client that follows no redirect and keeps no cookies: a confidential client's back channel.</summary>
    public HttpClient CreateBackChannel() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>The highest security event id so far: a test reads the events after it.</summary>
    public async Task<long> LastSecurityEventIdAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return await db.SecurityEvents.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    public async Task<IReadOnlyList<SecurityEvent>> SecurityEventsAfterAsync(long id)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return await db.SecurityEvents.AsNoTracking().Where(e => e.Id > id).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Runs <paramref name="work"/> with the provider's database context.</summary>
    public async Task<T> InDatabaseAsync<T>(Func<IdentityDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IdentityDbContext>());
    }
}
