using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CareMesh.Identity.Clients;

/// <summary>
/// The scopes a system may ask for with client credentials. OpenIddict lets <c>openid</c> through for any client
/// and answers a scope the client is not granted with <c>invalid_request</c>; RFC 6749 (5.2) says <c>invalid_scope</c>,
/// and a system signs no user in, so <c>openid</c> is refused to it (OpenIddict refuses <c>offline_access</c> itself).
/// </summary>
internal sealed class ClientCredentialsScopes(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseScopedHandler<ClientCredentialsScopes>()
            // Once the client is authenticated, before OpenIddict's own permission check.
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateScopePermissions.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (!context.Request.IsClientCredentialsGrantType())
        {
            return;
        }

        var scopes = context.Request.GetScopes();
        if (scopes.Contains(Scopes.OpenId))
        {
            context.Reject(Errors.InvalidScope, "openid is for signing in a user, not for client credentials.");
            return;
        }

        var application = await applications.FindByClientIdAsync(context.ClientId!) ?? throw new InvalidOperationException("OpenIddict authenticated an unknown client.");
        foreach (var scope in scopes)
        {
            if (!await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope))
            {
                context.Reject(Errors.InvalidScope, $"The client is not granted the scope {scope}.");
                return;
            }
        }
    }
}
