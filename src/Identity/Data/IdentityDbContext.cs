using CareMesh.Identity.Accounts;
using CareMesh.Identity.Invitations;
using CareMesh.Identity.Keys;
using CareMesh.Identity.SecurityEvents;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Identity.Data;

/// <summary>
/// <c>identitydb</c>: accounts (ASP.NET Core Identity), OpenIddict's applications, authorizations and tokens, the
/// provider's keys, the Data Protection key ring that encrypts them, and the security events.
/// </summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
    : IdentityDbContext<Account>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();
    public DbSet<Invitation> Invitations => Set<Invitation>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();

        builder.Entity<Account>(account =>
        {
            account.Property(a => a.DisplayName).HasMaxLength(Account.MaxNameLength);
            account.Property(a => a.Role).HasMaxLength(50);
            account.Property(a => a.Organisation).HasMaxLength(50);
            account.Property(a => a.SponsorOrganisation).HasMaxLength(50);
        });

        builder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(64);
            key.Property(k => k.Purpose).HasConversion<string>().HasMaxLength(20);
            key.HasIndex(k => new { k.Purpose, k.ActiveFrom });
        });

        builder.Entity<SecurityEvent>(security =>
        {
            security.ToTable("security_events");
            security.HasKey(e => e.Id);
            security.Property(e => e.Id).UseIdentityAlwaysColumn();
            security.Property(e => e.Kind).HasMaxLength(50);
            security.Property(e => e.AccountId).HasMaxLength(200);
            security.Property(e => e.ClientId).HasMaxLength(200);
            security.Property(e => e.ActorId).HasMaxLength(200);
            security.Property(e => e.Address).HasMaxLength(64);
            security.Property(e => e.TraceId).HasMaxLength(32);
            security.Property(e => e.Detail).HasMaxLength(300);
            security.HasIndex(e => new { e.AccountId, e.OccurredAt });
            security.HasIndex(e => new { e.Kind, e.OccurredAt });
        });

        builder.Entity<Invitation>(invitation =>
        {
            invitation.ToTable("invitations");
            invitation.HasKey(i => i.Id);
            invitation.Property(i => i.SecretHash).HasMaxLength(32);
            invitation.HasIndex(i => i.SecretHash).IsUnique();
            invitation.Property(i => i.Email).HasMaxLength(Invitation.MaxEmailLength);
            invitation.Property(i => i.DisplayName).HasMaxLength(Account.MaxNameLength);
            invitation.Property(i => i.Organisation).HasMaxLength(50);
            invitation.Property(i => i.SponsorOrganisation).HasMaxLength(50);
            invitation.Property(i => i.InvitedBy).HasMaxLength(200);
            invitation.Property(i => i.AccountId).HasMaxLength(200);
            invitation.HasIndex(i => i.Email);
        });
    }
}
