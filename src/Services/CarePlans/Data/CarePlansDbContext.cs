using CareMesh.CarePlans.Patients;
using CareMesh.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Data;

public sealed class CarePlansDbContext(DbContextOptions<CarePlansDbContext> options) : DbContext(options)
{
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<PatientReferral> PatientReferrals => Set<PatientReferral>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Patient>(patient =>
        {
            patient.HasKey(p => p.NhsNumber);
            patient.Property(p => p.NhsNumber).HasMaxLength(10).IsFixedLength();
            patient.Property(p => p.GivenName).HasMaxLength(100);
            patient.Property(p => p.FamilyName).HasMaxLength(100);
            patient.Property(p => p.PracticeOds).HasMaxLength(10);
            patient.HasMany(p => p.Referrals).WithOne().HasForeignKey(r => r.NhsNumber);
        });

        modelBuilder.Entity<PatientReferral>(referral =>
        {
            referral.HasKey(r => r.ReferralId);
            referral.Property(r => r.ReferralId).ValueGeneratedNever();
            referral.Property(r => r.NhsNumber).HasMaxLength(10).IsFixedLength();
            referral.Property(r => r.Reason).HasMaxLength(4000);
            referral.Property(r => r.Urgency).HasMaxLength(20);
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotencyTable();
        modelBuilder.AddAuditTable();
    }
}
