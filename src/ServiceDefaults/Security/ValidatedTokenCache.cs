using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Remembers bearer tokens that passed validation, so a token sent with every request (to the gateway,
/// then again to the service behind it) costs one signature check per process rather than one per
/// request. An entry lasts until the token expires or for <paramref name="maxAge"/>, whichever is
/// sooner; rejections are never remembered. Only a hash of each token is kept, never the token.
/// </summary>
/// <param name="maxAge">Bounds how long a change of the provider's signing keys can go unnoticed for a token already seen.</param>
internal sealed class ValidatedTokenCache(TokenHandler validator, TimeProvider time, TimeSpan maxAge) : TokenHandler, IDisposable
{
    /// <summary>Far more than a network's staff signed in at once; past it, tokens are simply validated each time.</summary>
    private const int Capacity = 10_000;

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = time.GetUtcNow();
        // The cache's own expiry only frees memory (on its system clock); whether an entry still holds is decided here.
        if (_validated.TryGetValue(key, out Validated? remembered) && now < remembered!.Until)
        {
            return Result(remembered);
        }

        var result = await validator.ValidateTokenAsync(token, validationParameters);
        if (result is { IsValid: true, ClaimsIdentity: { } identity, SecurityToken: { } validatedToken })
        {
            var until = Min(new DateTimeOffset(validatedToken.ValidTo, TimeSpan.Zero), now + maxAge);
            if (until > now)
            {
                // A copy: the caller goes on to add CareMesh claims to the identity it was given.
                var entry = new Validated(identity.Clone(), validatedToken, result.Issuer, result.TokenType, until);
                _validated.Set(key, entry, new MemoryCacheEntryOptions { AbsoluteExpiration = until, Size = 1 });
            }
        }

        return result;
    }

    public void Dispose() => _validated.Dispose();

    /// <summary>Each request gets an identity of its own to add claims to.</summary>
    private static TokenValidationResult Result(Validated remembered) => new()
    {
        IsValid = true,
        ClaimsIdentity = remembered.Identity.Clone(),
        SecurityToken = remembered.Token,
        Issuer = remembered.Issuer,
        TokenType = remembered.TokenType,
    };

    private static DateTimeOffset Min(DateTimeOffset first, DateTimeOffset second) => first < second ? first : second;

    private sealed record Validated(ClaimsIdentity Identity, SecurityToken Token, string? Issuer, string? TokenType, DateTimeOffset Until);
}
