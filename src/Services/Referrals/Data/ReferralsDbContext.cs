using CareMesh.Messaging;
using CareMesh.Referrals.Intake;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Data;

public sealed class ReferralsDbContext(DbContextOptions<ReferralsDbContext> options) : DbContext(options)
{
    public DbSet<Referral> Referrals => Set<Referral>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Referral>(referral =>
        {
            referral.HasKey(r => r.Id);
            referral.Property(r => r.NhsNumber).HasMaxLength(10).IsFixedLength();
            referral.Property(r => r.GivenName).HasMaxLength(Referral.MaxNameLength);
            referral.Property(r => r.FamilyName).HasMaxLength(Referral.MaxNameLength);
            referral.Property(r => r.PracticeOds).HasMaxLength(10);
            referral.Property(r => r.Reason).HasMaxLength(Referral.MaxReasonLength);
            referral.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(20);
            referral.Property(r => r.Source).HasConversion<string>().HasMaxLength(30);
            referral.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            referral.HasIndex(r => r.NhsNumber);
            referral.HasIndex(r => new { r.Status, r.ReceivedAt });
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotencyTable();
        modelBuilder.AddAuditTable();
    }
}
