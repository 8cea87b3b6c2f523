using System.Text.Json;
using CareMesh.Messaging;
using CareMesh.Referrals.Allocation;
using CareMesh.Referrals.Contacts;
using CareMesh.Referrals.Escalations;
using CareMesh.Referrals.Intake;
using CareMesh.Referrals.Onward;
using CareMesh.Referrals.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareMesh.Referrals.Data;

public sealed class ReferralsDbContext(DbContextOptions<ReferralsDbContext> options) : DbContext(options)
{
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReferralTransition> Transitions => Set<ReferralTransition>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<OnwardReferral> OnwardReferrals => Set<OnwardReferral>();

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
            referral.Property(r => r.Complexity).HasConversion<string>().HasMaxLength(20);
            referral.Property(r => r.Source).HasConversion<string>().HasMaxLength(30);
            referral.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            referral.Property(r => r.RecordedByUserId).HasMaxLength(200);
            referral.Property(r => r.Contact).StoredAsJsonb(JsonOptions);
            referral.Property(r => r.Referrer).StoredAsJsonb(JsonOptions);
            referral.Property(r => r.Consent).StoredAsJsonb(JsonOptions);
            referral.Property(r => r.Carer).StoredAsJsonb(JsonOptions);
            referral.Property(r => r.WhatMatters).HasMaxLength(Referral.MaxTextLength);
            referral.Property(r => r.TriagedRole).HasMaxLength(50);
            referral.Property(r => r.AllocatedRole).HasMaxLength(50);
            referral.Property(r => r.AllocatedToUserId).HasMaxLength(200);
            referral.Property(r => r.AllocatedToName).HasMaxLength(200);
            referral.Property(r => r.NamedClinicianUserId).HasMaxLength(200);
            referral.Property(r => r.NamedClinicianName).HasMaxLength(200);
            referral.Property(r => r.HoldReason).HasMaxLength(500);
            referral.Property(r => r.DeclineReasonCode).HasMaxLength(100);
            referral.Property(r => r.DeclineReasonText).HasMaxLength(Referral.MaxTextLength);
            referral.Property(r => r.Outcome).HasMaxLength(Referral.MaxTextLength);
            referral.Property(r => r.NextSteps).HasMaxLength(Referral.MaxTextLength);
            referral.Property(r => r.DecidedByName).HasMaxLength(200);
            referral.Property(r => r.Version).IsConcurrencyToken();
            referral.HasIndex(r => r.NhsNumber);
            referral.HasIndex(r => new { r.Status, r.ReceivedAt });
            // A member's caseload, and the team's balance: open referrals by the person allocated.
            referral.HasIndex(r => new { r.AllocatedToUserId, r.ReceivedAt }).HasFilter(ReferralWorkflow.OpenStatusesSql);
            // A clinician's referrals.
            referral.HasIndex(r => r.NamedClinicianUserId).HasFilter("named_clinician_user_id IS NOT NULL");
        });

        modelBuilder.Entity<ReferralTransition>(transition =>
        {
            transition.ToTable("referral_transitions");
            transition.HasKey(t => t.Id);
            transition.Property(t => t.Id).UseIdentityAlwaysColumn();
            transition.Property(t => t.Action).HasConversion<string>().HasMaxLength(20);
            transition.Property(t => t.From).HasConversion<string>().HasMaxLength(20);
            transition.Property(t => t.To).HasConversion<string>().HasMaxLength(20);
            transition.Property(t => t.ByUserId).HasMaxLength(200);
            transition.Property(t => t.ByName).HasMaxLength(200);
            transition.Property(t => t.ByRole).HasMaxLength(50);
            transition.Property(t => t.Reason).HasMaxLength(Referral.MaxTextLength);
            transition.HasOne<Referral>().WithMany().HasForeignKey(t => t.ReferralId);
            transition.HasIndex(t => new { t.ReferralId, t.At });
        });

        modelBuilder.Entity<TeamMember>(member =>
        {
            member.ToTable("team_members");
            member.HasKey(m => m.UserId);
            member.Property(m => m.UserId).HasMaxLength(200);
            member.Property(m => m.Name).HasMaxLength(200);
            member.Property(m => m.Role).HasMaxLength(50);
            member.Property(m => m.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<Contact>(contact =>
        {
            contact.ToTable("contacts");
            contact.HasKey(c => c.Id);
            contact.Property(c => c.Method).HasConversion<string>().HasMaxLength(20);
            contact.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
            contact.Property(c => c.Notes).HasMaxLength(Contact.MaxNotesLength);
            contact.Property(c => c.ByUserId).HasMaxLength(200);
            contact.Property(c => c.ByName).HasMaxLength(200);
            contact.HasOne<Referral>().WithMany().HasForeignKey(c => c.ReferralId);
            contact.HasIndex(c => new { c.ReferralId, c.At });
        });

        modelBuilder.Entity<Escalation>(escalation =>
        {
            escalation.ToTable("escalations");
            escalation.HasKey(e => e.Id);
            escalation.Property(e => e.NhsNumber).HasMaxLength(10).IsFixedLength();
            escalation.Property(e => e.Severity).HasConversion<string>().HasMaxLength(20);
            escalation.Property(e => e.Concern).HasMaxLength(Escalation.MaxConcernLength);
            escalation.Property(e => e.ClinicianUserId).HasMaxLength(200);
            escalation.Property(e => e.ClinicianName).HasMaxLength(200);
            escalation.Property(e => e.RaisedByUserId).HasMaxLength(200);
            escalation.Property(e => e.RaisedByName).HasMaxLength(200);
            escalation.Property(e => e.Response).HasMaxLength(Escalation.MaxResponseLength);
            escalation.Property(e => e.Version).IsConcurrencyToken();
            escalation.HasOne<Referral>().WithMany().HasForeignKey(e => e.ReferralId);
            escalation.HasIndex(e => e.ReferralId);
            escalation.HasIndex(e => e.ClinicianUserId);
            // The overdue check: unacknowledged escalations by deadline.
            escalation.HasIndex(e => e.AcknowledgeBy).HasFilter("acknowledged_at IS NULL");
        });

        modelBuilder.Entity<OnwardReferral>(onward =>
        {
            onward.ToTable("onward_referrals");
            onward.HasKey(o => o.Id);
            onward.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
            onward.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            onward.Property(o => o.ReceiverName).HasMaxLength(300);
            onward.Property(o => o.OrganisationName).HasMaxLength(300);
            onward.Property(o => o.ReceiverContact).HasMaxLength(300);
            onward.Property(o => o.SharedSummary).HasMaxLength(OnwardReferral.MaxTextLength);
            onward.Property(o => o.SentByUserId).HasMaxLength(200);
            onward.Property(o => o.SentByName).HasMaxLength(200);
            onward.Property(o => o.AnsweredByName).HasMaxLength(200);
            onward.Property(o => o.DeclineReason).HasMaxLength(OnwardReferral.MaxTextLength);
            onward.Property(o => o.Outcome).HasMaxLength(OnwardReferral.MaxTextLength);
            onward.Property(o => o.Version).IsConcurrencyToken();
            onward.HasOne<Referral>().WithMany().HasForeignKey(o => o.ReferralId);
            onward.HasIndex(o => o.ReferralId);
            // A partner's inbox: what was sent to its organisation.
            onward.HasIndex(o => new { o.OrganisationId, o.SentAt }).HasFilter("organisation_id IS NOT NULL");
            // The chasing check, and a withdrawn service's pending referrals.
            onward.HasIndex(o => o.AnswerBy).HasFilter("status = 'Sent' AND chase_flagged_at IS NULL");
            onward.HasIndex(o => o.ServiceId).HasFilter("service_id IS NOT NULL AND status IN ('Sent', 'Accepted')");
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotencyTable();
        modelBuilder.AddAuditTable();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
