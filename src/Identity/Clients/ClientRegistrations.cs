using CareMesh.Identity.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CareMesh.Identity.Clients;

/// <summary>
/// Registers the clients configuration names (the web workspace, system integrations) and, in Development, the
/// development client and accounts, at every start: configuration is the source of truth, so a changed secret or
/// a removed client takes effect on the next start.
/// </summary>
internal sealed class ClientRegistrations(IServiceScopeFactory scopes, IOptions<ProviderOptions> options, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var wanted = Descriptors().ToDictionary(d => d.ClientId!);
        await foreach (var application in applications.ListAsync(cancellationToken: cancellationToken))
        {
            if (!wanted.ContainsKey((await applications.GetClientIdAsync(application, cancellationToken))!))
            {
                await applications.DeleteAsync(application, cancellationToken);
            }
        }

        foreach (var descriptor in wanted.Values)
        {
            if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
        }

        if (environment.IsDevelopment())
        {
            await DevelopmentAccounts.SeedAsync(scope.ServiceProvider.GetRequiredService<UserManager<Account>>());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<OpenIddictApplicationDescriptor> Descriptors()
    {
        var clients = options.Value.Clients;
        if (clients.Web.Secret is { Length: > 0 } secret)
        {
            var web = new OpenIddictApplicationDescriptor
            {
                ClientId = WebClientOptions.ClientId,
                ClientSecret = secret,
                ClientType = ClientTypes.Confidential,
                ApplicationType = ApplicationTypes.Web,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = "CareMesh workspace",
                RedirectUris = { new Uri(clients.Web.BaseAddress, "signin-oidc") },
                PostLogoutRedirectUris = { new Uri(clients.Web.BaseAddress, "signout-callback-oidc") },
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                    Permissions.Endpoints.Revocation, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                    Permissions.Prefixes.Scope + Connect.TokenClaims.ApiScope,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            yield return web;
        }

        foreach (var (clientId, system) in clients.Systems)
        {
            if (system.Secret is not { Length: > 0 })
            {
                throw new InvalidOperationException($"Identity:Clients:Systems:{clientId}:Secret is required.");
            }

            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = system.Secret,
                ClientType = ClientTypes.Confidential,
                DisplayName = system.DisplayName ?? clientId,
                Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials },
            };
            foreach (var scope in system.Scopes)
            {
                descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
            }

            yield return descriptor;
        }

        if (environment.IsDevelopment())
        {
            yield return new OpenIddictApplicationDescriptor
            {
                ClientId = DevelopmentGrant.ClientId,
                ClientType = ClientTypes.Public,
                DisplayName = "./caremesh token (Development only)",
                Permissions = { Permissions.Endpoints.Token, Permissions.Prefixes.GrantType + DevelopmentGrant.GrantType, Permissions.Prefixes.Scope + Connect.TokenClaims.ApiScope },
            };
        }
    }
}
