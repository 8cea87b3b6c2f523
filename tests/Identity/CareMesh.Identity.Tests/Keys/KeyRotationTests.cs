using System.Security.Cryptography;
using CareMesh.Identity.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CareMesh.Identity.Tests.Keys;

/// <summary>
/// Key rotation as a service sees it: keys read from the JWKS the discovery document names, tokens checked with
/// Microsoft.IdentityModel as JwtBearer checks them, at instants the test chooses.
/// </summary>
public sealed class KeyRotationTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IAsyncLifetime
{
    private static readonly SigningKeyOptions Defaults = new();

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_successor_is_published_ahead_signs_from_rotation_and_the_retired_key_validates_its_tokens_until_it_leaves()
    {
        var first = await SigningKeyAsync();
        Assert.Equal([first.Id], await PublishedKeyIdsAsync());
        Assert.Equal(first.Id, (await TokenAsync()).Kid);

        // Publish-ahead: the successor is in the key set before it signs anything.
        factory.Clock.SetTo(first.ActiveUntil - Defaults.PublishAhead + TimeSpan.FromMinutes(1));
        await RefreshAsync();
        var published = await PublishedKeyIdsAsync();
        Assert.Equal(2, published.Count);
        var successor = Assert.Single(published, id => id != first.Id);
        Assert.Equal(first.Id, (await TokenAsync()).Kid);

        // Just before rotation, a token signed by the first key.
        factory.Clock.SetTo(first.ActiveUntil - TimeSpan.FromMinutes(1));
        var old = await TokenAsync();
        Assert.Equal(first.Id, old.Kid);

        factory.Clock.SetTo(first.ActiveUntil + TimeSpan.FromMinutes(1));
        await RefreshAsync();
        Assert.Equal(successor, (await TokenAsync()).Kid);
        Assert.Equal(new[] { first.Id, successor }.Order(), (await PublishedKeyIdsAsync()).Order());
        Assert.True((await ValidateAsync(old.EncodedToken)).IsValid, "a token of the retired key, still in its lifetime, validates");
        Assert.True((await ValidateAsync((await TokenAsync()).EncodedToken)).IsValid);

        // Expired: refused for its lifetime, while its key is still published.
        factory.Clock.SetTo(old.ValidTo + TimeSpan.FromMinutes(1));
        var expired = await ValidateAsync(old.EncodedToken);
        Assert.False(expired.IsValid);
        Assert.IsType<SecurityTokenInvalidLifetimeException>(expired.Exception);

        // The retired key leaves once every token it signed has expired.
        factory.Clock.SetTo(first.PublishedUntil + TimeSpan.FromMinutes(1));
        await RefreshAsync();
        Assert.Equal([successor], await PublishedKeyIdsAsync());
        var keyGone = await ValidateAsync(old.EncodedToken, checkLifetime: false);
        Assert.False(keyGone.IsValid);
        Assert.IsType<SecurityTokenSignatureKeyNotFoundException>(keyGone.Exception);
        Assert.Equal(first.PublishedUntil, first.ActiveUntil + Defaults.PublishRetiredFor);
    }

    [Fact]
    public async Task A_token_signed_by_a_key_the_provider_never_published_does_not_validate()
    {
        var genuine = await TokenAsync();
        using var rsa = RSA.Create(2048);
        var impostor = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = genuine.Issuer,
            Audience = "caremesh",
            Claims = new Dictionary<string, object> { ["sub"] = "someone", ["selected_roleid"] = CareMeshRoles.Admin },
            IssuedAt = factory.Clock.GetUtcNow().UtcDateTime,
            NotBefore = factory.Clock.GetUtcNow().UtcDateTime,
            Expires = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "not-ours" }, SecurityAlgorithms.RsaSha256),
        });

        var result = await ValidateAsync(impostor);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenSignatureKeyNotFoundException>(result.Exception);
        Assert.True((await ValidateAsync(genuine.EncodedToken)).IsValid);
    }

    [Fact]
    public async Task Rotating_now_signs_with_a_new_key_at_once_and_keeps_the_old_one_published()
    {
        var first = await SigningKeyAsync();
        var before = await TokenAsync();

        await factory.Services.GetRequiredService<SigningKeyRing>().RotateNowAsync();

        var after = await TokenAsync();
        Assert.NotEqual(first.Id, after.Kid);
        Assert.Contains(first.Id, await PublishedKeyIdsAsync());
        Assert.True((await ValidateAsync(before.EncodedToken)).IsValid);
    }

    [Fact]
    public async Task Keys_are_kept_encrypted_in_the_database()
    {
        var key = await SigningKeyAsync();

        Assert.DoesNotContain("PRIVATE KEY", key.ProtectedKey);
        Assert.StartsWith("CfDJ8", key.ProtectedKey);
    }

    private Task<SigningKey> SigningKeyAsync() =>
        factory.InDatabaseAsync(db => db.SigningKeys.AsNoTracking().SingleAsync(k => k.Purpose == KeyPurpose.Signing));

    private Task RefreshAsync() => factory.Services.GetRequiredService<SigningKeyRing>().RefreshAsync();

    private async Task<JsonWebToken> TokenAsync() =>
        (await OAuth.ClientCredentialsAsync(factory.CreateBackChannel(), IdentityFactory.ImporterId, IdentityFactory.ImporterSecret, "caremesh")).Succeeded().Access;

    /// <summary>Reads the metadata afresh, as a service does once its cached copy is stale.</summary>
    private async Task<OpenIdConnectConfiguration> MetadataAsync() =>
        await OpenIdConnectConfigurationRetriever.GetAsync("http://localhost/.well-known/openid-configuration",
            new HttpDocumentRetriever(factory.CreateClient()) { RequireHttps = false }, CancellationToken.None);

    private async Task<List<string>> PublishedKeyIdsAsync() =>
        [.. (await MetadataAsync()).JsonWebKeySet.Keys.Where(k => k.Use == "sig").Select(k => k.Kid)];

    private async Task<TokenValidationResult> ValidateAsync(string token, bool checkLifetime = true)
    {
        var metadata = await MetadataAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        return await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = "caremesh",
            IssuerSigningKeys = metadata.SigningKeys,
            ValidateLifetime = checkLifetime,
            RequireExpirationTime = true,
            // The provider's clock is the test's: lifetime is judged by it, with no skew.
            LifetimeValidator = checkLifetime ? (notBefore, expires, _, _) => (notBefore is null || notBefore <= now) && expires > now : null,
            ValidAlgorithms = ["RS256"],
        });
    }
}
