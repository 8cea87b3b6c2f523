using System.Security.Claims;
using System.Security.Cryptography;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareMesh.ServiceDefaults.Tests;

public sealed class ValidatedTokenCacheTests : IDisposable
{
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test" };
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow;
    private const string Issuer = "https://identity.example/";

    private readonly CountingValidator _validator = new();
    private readonly ManualTime _time = new(Start);
    private readonly ValidatedTokenCache _cache;

    public ValidatedTokenCacheTests() => _cache = new ValidatedTokenCache(_validator, _time, TimeSpan.FromMinutes(5));

    private static TokenValidationParameters Parameters => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = "caremesh",
        IssuerSigningKey = Key,
        ValidAlgorithms = ["RS256"],
    };

    private static string Token(TimeSpan lifetime, string audience = "caremesh") =>
        TestTokens.Mint(Key, CareMeshRoles.CareCoordinator, "Y00001", audience, Start.UtcDateTime, Issuer, lifetime, userId: "user-1");

    [Fact]
    public async Task A_token_seen_again_is_not_checked_again()
    {
        var token = Token(TimeSpan.FromHours(1));

        var first = await _cache.ValidateTokenAsync(token, Parameters);
        var second = await _cache.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal("user-1", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal(1, _validator.Calls);
    }

    [Fact]
    public async Task Each_request_gets_an_identity_of_its_own()
    {
        var token = Token(TimeSpan.FromHours(1));

        var first = await _cache.ValidateTokenAsync(token, Parameters);
        first.ClaimsIdentity.AddClaim(new Claim(CareMeshUser.RoleClaimType, CareMeshRoles.Admin));
        var second = await _cache.ValidateTokenAsync(token, Parameters);
        var third = await _cache.ValidateTokenAsync(token, Parameters);
        third.ClaimsIdentity.AddClaim(new Claim(CareMeshUser.RoleClaimType, CareMeshRoles.Admin));

        Assert.NotSame(second.ClaimsIdentity, third.ClaimsIdentity);
        Assert.Null(second.ClaimsIdentity.FindFirst(CareMeshUser.RoleClaimType));
        Assert.Null((await _cache.ValidateTokenAsync(token, Parameters)).ClaimsIdentity.FindFirst(CareMeshUser.RoleClaimType));
    }

    [Fact]
    public async Task A_rejected_token_is_checked_every_time()
    {
        var token = Token(TimeSpan.FromHours(1), audience: "another-service");

        Assert.False((await _cache.ValidateTokenAsync(token, Parameters)).IsValid);
        Assert.False((await _cache.ValidateTokenAsync(token, Parameters)).IsValid);
        Assert.Equal(2, _validator.Calls);
    }

    [Fact]
    public async Task A_validated_token_with_its_signature_altered_is_rejected()
    {
        var token = Token(TimeSpan.FromHours(1));
        await _cache.ValidateTokenAsync(token, Parameters);
        var signatureStart = token.LastIndexOf('.') + 1;
        var altered = token[..signatureStart] + (token[signatureStart] == 'A' ? 'B' : 'A') + token[(signatureStart + 1)..];

        var tampered = await _cache.ValidateTokenAsync(altered, Parameters);

        Assert.False(tampered.IsValid);
        Assert.Equal(2, _validator.Calls);
    }

    [Theory]
    [InlineData(120, 60, 121)] // a short-lived token: until it expires
    [InlineData(3600, 240, 301)] // a long-lived one: for the maximum age (5 minutes)
    public async Task A_token_is_checked_again_once_it_expires_or_reaches_the_maximum_age(
        int lifetimeSeconds, int stillRememberedAtSecond, int checkedAgainAtSecond)
    {
        var token = Token(TimeSpan.FromSeconds(lifetimeSeconds));
        await _cache.ValidateTokenAsync(token, Parameters);

        _time.Now = Start.AddSeconds(stillRememberedAtSecond);
        await _cache.ValidateTokenAsync(token, Parameters);
        Assert.Equal(1, _validator.Calls);

        _time.Now = Start.AddSeconds(checkedAgainAtSecond);
        await _cache.ValidateTokenAsync(token, Parameters);
        Assert.Equal(2, _validator.Calls);
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>The real validator, counting how often it is asked.</summary>
    private sealed class CountingValidator : TokenHandler
    {
        private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

        public int Calls { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Calls++;
            return _handler.ValidateTokenAsync(token, validationParameters);
        }
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
