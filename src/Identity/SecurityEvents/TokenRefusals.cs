using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CareMesh.Identity.SecurityEvents;

/// <summary>
/// Records the token endpoint's refusals that OpenIddict decides itself (a wrong client secret, a spent or replayed
/// code, a refresh token reused or revoked, a scope not granted): their error and grant type, never what was presented.
/// A refusal CareMesh decided has recorded its own event already.
/// </summary>
internal sealed class TokenRefusals(SecurityEventLog events) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseScopedHandler<TokenRefusals>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    private static readonly HashSet<string> KnownGrantTypes =
    [
        OpenIddictConstants.GrantTypes.AuthorizationCode, OpenIddictConstants.GrantTypes.RefreshToken,
        OpenIddictConstants.GrantTypes.ClientCredentials, DevelopmentGrant.GrantType,
    ];

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Response.Error is not { } error || events.Recorded)
        {
            return;
        }

        // Named only when it is one the provider knows: the parameter is the caller's own text.
        var grantType = context.Request?.GrantType is { } asked && KnownGrantTypes.Contains(asked) ? asked : null;
        await events.RecordAsync(
            grantType == OpenIddictConstants.GrantTypes.RefreshToken ? SecurityEventKinds.RefreshRefused : SecurityEventKinds.TokenRefused,
            clientId: context.Request?.ClientId,
            detail: $"{error} ({grantType ?? "other grant type"})");
    }
}
