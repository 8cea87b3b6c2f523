using System.Text.Json;
using CareMesh.CarePlans.Actions;
using CareMesh.CarePlans.Goals;
using CareMesh.CarePlans.Measures;
using CareMesh.CarePlans.Patients;
using CareMesh.CarePlans.Reviews;
using CareMesh.CarePlans.Plans;
using CareMesh.CarePlans.Versions;
using CareMesh.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CareMesh.CarePlans.Data;

public sealed class CarePlansDbContext(DbContextOptions<CarePlansDbContext> options) : DbContext(options)
{
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<PatientReferral> PatientReferrals => Set<PatientReferral>();
    public DbSet<CarePlan> Plans => Set<CarePlan>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<PlanAction> Actions => Set<PlanAction>();

    /// <summary>
    /// Locks the care plans a <c>SELECT ... FOR UPDATE</c> names until the current transaction (a
    /// consumer's inbox transaction) ends. Every consumer that changes a plan takes its plan's lock first,
    /// so news about the same plan (an event announced twice, a decline beside a withdrawal) is applied
    /// one message after the other: the later reads what the earlier committed, and its guard finds
    /// nothing left to do. Plans first, always, so two consumers never wait on each other.
    /// </summary>
    public Task LockPlansAsync(FormattableString selectForUpdate, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync(selectForUpdate, cancellationToken);
    public DbSet<PlanHistoryEntry> History => Set<PlanHistoryEntry>();
    public DbSet<PlanVersion> Versions => Set<PlanVersion>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<Measurement> Measurements => Set<Measurement>();

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

        modelBuilder.Entity<CarePlan>(plan =>
        {
            plan.ToTable("care_plans");
            plan.HasKey(p => p.Id);
            plan.Property(p => p.NhsNumber).HasMaxLength(10).IsFixedLength();
            plan.HasOne(p => p.Patient).WithMany().HasForeignKey(p => p.NhsNumber);
            plan.Property(p => p.PracticeOds).HasMaxLength(10);
            plan.Property(p => p.Status).HasConversion(WireText<PlanStatus>()).HasMaxLength(20);
            plan.Property(p => p.CareCoordinatorUserId).HasMaxLength(200);
            plan.Property(p => p.CreatedByUserId).HasMaxLength(200);
            plan.Property(p => p.ClosedReason).HasMaxLength(1100);
            plan.Property(p => p.Sections).StoredAsJsonb(JsonOptions);
            plan.Property(p => p.Revision).IsConcurrencyToken();
            plan.Ignore(p => p.IsOpen);
            // A referral opens one plan however often ReferralAccepted arrives.
            plan.HasIndex(p => p.ReferralId).IsUnique();
            // One open plan per person; closed ones are kept beside it.
            plan.HasIndex(p => p.NhsNumber).IsUnique().HasFilter("status <> 'closed'");
            plan.HasIndex(p => p.CareCoordinatorUserId);
            plan.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.PlanId);
            plan.HasMany(p => p.Actions).WithOne().HasForeignKey(a => a.PlanId);
            plan.HasMany(p => p.History).WithOne().HasForeignKey(h => h.PlanId);
            plan.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PlanId);
            // The review-due check reads open plans by their review date.
            plan.HasIndex(p => p.ReviewDue).HasFilter("status = 'agreed'");
        });

        modelBuilder.Entity<Review>(review =>
        {
            review.ToTable("plan_reviews");
            review.HasKey(r => r.Id);
            review.Property(r => r.Id).ValueGeneratedNever();
            review.Property(r => r.WhatChanged).HasMaxLength(Review.MaxTextLength);
            review.Property(r => r.ByUserId).HasMaxLength(200);
            review.Property(r => r.ByName).HasMaxLength(200);
            review.HasOne<CarePlan>().WithMany().HasForeignKey(r => r.PlanId);
            review.HasIndex(r => r.PlanId);
        });

        modelBuilder.Entity<Measurement>(measurement =>
        {
            measurement.ToTable("measurements");
            measurement.HasKey(m => m.Id);
            measurement.Property(m => m.Id).ValueGeneratedNever();
            measurement.Property(m => m.Kind).HasConversion(WireText<MeasureKind>()).HasMaxLength(20);
            measurement.Property(m => m.Score).HasPrecision(5, 2);
            measurement.Property(m => m.RecordedByUserId).HasMaxLength(200);
            measurement.HasOne<CarePlan>().WithMany().HasForeignKey(m => m.PlanId);
            measurement.HasIndex(m => new { m.PlanId, m.Kind });
        });

        modelBuilder.Entity<PlanVersion>(version =>
        {
            version.ToTable("plan_versions");
            version.HasKey(v => new { v.PlanId, v.Number });
            version.Property(v => v.Method).HasConversion(WireText<AgreementMethod>()).HasMaxLength(20);
            version.Property(v => v.Sharing).HasConversion(WireText<GpSharing>()).HasMaxLength(20);
            version.Property(v => v.AgreedByUserId).HasMaxLength(200);
            version.Property(v => v.AgreedByName).HasMaxLength(200);
            // text, not jsonb: jsonb would reorder and respace it, and an agreed version must read back byte for byte.
            version.Property(v => v.Snapshot).HasColumnType("text");
        });

        modelBuilder.Entity<Goal>(goal =>
        {
            goal.ToTable("goals");
            goal.HasKey(g => g.Id);
            goal.Property(g => g.Id).ValueGeneratedNever();
            goal.Property(g => g.Text).HasMaxLength(Goal.MaxTextLength);
            goal.Property(g => g.Status).HasConversion(WireText<GoalStatus>()).HasMaxLength(20);
        });

        modelBuilder.Entity<PlanAction>(action =>
        {
            action.ToTable("plan_actions");
            action.HasKey(a => a.Id);
            action.Property(a => a.Id).ValueGeneratedNever();
            action.Property(a => a.Description).HasMaxLength(PlanAction.MaxTextLength);
            action.Property(a => a.OwnerKind).HasConversion(WireText<OwnerKind>()).HasMaxLength(20);
            action.Property(a => a.OwnerUserId).HasMaxLength(200);
            action.Property(a => a.OwnerName).HasMaxLength(200);
            action.Property(a => a.OwnerRole).HasMaxLength(100);
            action.Property(a => a.ServiceName).HasMaxLength(300);
            action.Property(a => a.Status).HasConversion(WireText<ActionStatus>()).HasMaxLength(20);
            action.Property(a => a.OnwardReferral).HasConversion(WireText<OnwardReferralStatus>()).HasMaxLength(20);
            action.Property(a => a.OnwardReferralOutcome).HasMaxLength(4000);
            action.Property(a => a.ServiceWithdrawnReason).HasMaxLength(1000);
            action.Ignore(a => a.IsOpen);
            // A withdrawn directory service finds the actions that point at it.
            action.HasIndex(a => a.ServiceId);
            // An MDT action joins the person's plan once, however often it is announced.
            action.HasIndex(a => a.MdtActionId).IsUnique();
        });

        modelBuilder.Entity<PlanHistoryEntry>(entry =>
        {
            entry.ToTable("plan_history");
            entry.HasKey(h => h.Id);
            entry.Property(h => h.Id).ValueGeneratedNever();
            entry.Property(h => h.Subject).HasConversion(WireText<HistorySubject>()).HasMaxLength(20);
            entry.Property(h => h.ByUserId).HasMaxLength(200);
            entry.Property(h => h.ByName).HasMaxLength(200);
            entry.Property(h => h.FromStatus).HasMaxLength(20);
            entry.Property(h => h.ToStatus).HasMaxLength(20);
            entry.Property(h => h.Note).HasMaxLength(5000);
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotencyTable();
        modelBuilder.AddAuditTable();
    }

    /// <summary>The service's wire options for stored JSON, so a stored value reads back as the API wrote it.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static ValueConverter<TEnum, string> WireText<TEnum>() where TEnum : struct, Enum =>
        new(value => WireEnum.Name(value), text => WireEnum.Parse<TEnum>(text));
}
