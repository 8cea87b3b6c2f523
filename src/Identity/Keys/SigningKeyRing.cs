using System.Security.Cryptography;
using CareMesh.Identity.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace CareMesh.Identity.Keys;

/// <summary>
/// The provider's keys, kept in <c>identitydb</c> (private halves encrypted with Data Protection) so every replica
/// and every restart signs with the same ones. A key signs for <see cref="SigningKeyOptions.RotateEvery"/>; its
/// successor is published <see cref="SigningKeyOptions.PublishAhead"/> before taking over, and a retired key stays
/// published for <see cref="SigningKeyOptions.PublishRetiredFor"/>, so no validator ever meets a token whose key it
/// has not seen, nor loses one whose token still lives.
/// </summary>
public sealed class SigningKeyRing(
    IServiceScopeFactory scopes,
    IDataProtectionProvider protection,
    IOptions<ProviderOptions> options,
    TimeProvider clock,
    IOptionsMonitorCache<OpenIddictServerOptions> serverOptions,
    ILogger<SigningKeyRing> logger)
{
    public const string ProtectorPurpose = "CareMesh.Identity.SigningKeys";

    private readonly IDataProtector _protector = protection.CreateProtector(ProtectorPurpose);
    private volatile KeySet? _keys;

    /// <summary>The keys in use, the one signing now first (OpenIddict signs with the first).</summary>
    public KeySet Keys => _keys ?? throw new InvalidOperationException("The signing keys are not loaded yet: SigningKeyRefresh loads them at start.");

    /// <summary>Adds a key where one is due (under a lock, so replicas agree), drops expired ones, and reloads the set.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('caremesh.identity.signing-keys'))", cancellationToken);
        await db.SigningKeys.Where(k => k.PublishedUntil <= now).ExecuteDeleteAsync(cancellationToken);
        var rows = await db.SigningKeys.ToListAsync(cancellationToken);
        foreach (var purpose in Enum.GetValues<KeyPurpose>())
        {
            var ofPurpose = rows.Where(k => k.Purpose == purpose).ToList();
            var current = ofPurpose.Where(k => k.ActiveFrom <= now && now < k.ActiveUntil).MaxBy(k => k.ActiveFrom);
            if (current is null)
            {
                rows.Add(db.SigningKeys.Add(Create(purpose, now, now)).Entity);
            }
            else if (current.ActiveUntil - now <= options.Value.Keys.PublishAhead && !ofPurpose.Any(k => k.ActiveFrom >= current.ActiveUntil))
            {
                rows.Add(db.SigningKeys.Add(Create(purpose, now, current.ActiveUntil)).Entity);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Load(rows, now);
    }

    /// <summary>Retires the signing key now: its successor signs from this moment, and it stays published as a retired key would.</summary>
    public async Task RotateNowAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('caremesh.identity.signing-keys'))", cancellationToken);
            var retainUntil = now + options.Value.Keys.PublishRetiredFor;
            await db.SigningKeys.Where(k => k.Purpose == KeyPurpose.Signing && k.ActiveUntil > now).ExecuteUpdateAsync(key => key
                .SetProperty(k => k.ActiveUntil, now)
                .SetProperty(k => k.PublishedUntil, retainUntil), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await RefreshAsync(cancellationToken);
    }

    private SigningKey Create(KeyPurpose purpose, DateTimeOffset now, DateTimeOffset activeFrom)
    {
        using var rsa = RSA.Create(2048);
        var keys = options.Value.Keys;
        var activeUntil = activeFrom + keys.RotateEvery;
        logger.LogInformation("Created a new {Purpose} key, active from {ActiveFrom:O}", purpose, activeFrom);
        return new SigningKey
        {
            Id = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..22],
            Purpose = purpose,
            CreatedAt = now,
            ActiveFrom = activeFrom,
            ActiveUntil = activeUntil,
            // An encryption key must read back every code and refresh token it sealed, for their whole lifetime.
            PublishedUntil = activeUntil + (purpose == KeyPurpose.Signing ? keys.PublishRetiredFor : options.Value.RefreshTokenLifetime),
            ProtectedKey = _protector.Protect(rsa.ExportPkcs8PrivateKeyPem()),
        };
    }

    private void Load(List<SigningKey> rows, DateTimeOffset now)
    {
        RsaSecurityKey[] Ordered(KeyPurpose purpose) =>
        [
            .. rows.Where(k => k.Purpose == purpose && k.PublishedUntil > now)
                // The key active now first, then those still to come, then the retired ones.
                .OrderBy(k => k.ActiveFrom <= now && now < k.ActiveUntil ? 0 : k.ActiveFrom > now ? 1 : 2)
                .ThenByDescending(k => k.ActiveFrom)
                .Select(Unprotect),
        ];

        var loaded = new KeySet(Ordered(KeyPurpose.Signing), Ordered(KeyPurpose.Encryption));
        var previous = _keys;
        _keys = loaded;
        if (previous is not null && !previous.SameAs(loaded))
        {
            // OpenIddict builds its options again on next use, with this key set (ServerKeys).
            serverOptions.TryRemove(Options.DefaultName);
            logger.LogInformation("Signing keys now {Keys}", string.Join(", ", loaded.Signing.Select(k => k.KeyId)));
        }
    }

    private RsaSecurityKey Unprotect(SigningKey row)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(_protector.Unprotect(row.ProtectedKey));
        return new RsaSecurityKey(rsa) { KeyId = row.Id };
    }

    public sealed record KeySet(IReadOnlyList<RsaSecurityKey> Signing, IReadOnlyList<RsaSecurityKey> Encryption)
    {
        public bool SameAs(KeySet other) =>
            Signing.Select(k => k.KeyId).SequenceEqual(other.Signing.Select(k => k.KeyId)) &&
            Encryption.Select(k => k.KeyId).SequenceEqual(other.Encryption.Select(k => k.KeyId));

        /// <summary>The keys as OpenIddict's server and client take them, in the ring's order.</summary>
        public IEnumerable<SigningCredentials> AsSigningCredentials() =>
            Signing.Select(key => new SigningCredentials(key, SecurityAlgorithms.RsaSha256));

        public IEnumerable<EncryptingCredentials> AsEncryptingCredentials() =>
            Encryption.Select(key => new EncryptingCredentials(key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }
}

/// <summary>Hands the ring's keys to OpenIddict each time its options are built, in the ring's order.</summary>
internal sealed class ServerKeys(SigningKeyRing ring) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        // OpenIddict then sorts these, but treats RSA keys as equal and the sort keeps such short lists in order.
        options.SigningCredentials.AddRange(ring.Keys.AsSigningCredentials());
        options.EncryptionCredentials.AddRange(ring.Keys.AsEncryptingCredentials());
    }
}

/// <summary>Loads the keys before the provider answers anything, then refreshes them on every replica each <see cref="SigningKeyOptions.CheckEvery"/>.</summary>
internal sealed class SigningKeyRefresh(SigningKeyRing ring, IOptions<ProviderOptions> options, TimeProvider clock, ILogger<SigningKeyRefresh> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ring.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Keys.CheckEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ring.RefreshAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The keys loaded stay in use; the next tick tries again.
                logger.LogError(failure, "Refreshing the signing keys failed");
            }
        }
    }
}
