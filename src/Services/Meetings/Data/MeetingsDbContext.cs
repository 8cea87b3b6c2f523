using System.Text.Json;
using CareMesh.Meetings.Actions;
using CareMesh.Meetings.Agenda;
using CareMesh.Meetings.Attendance;
using CareMesh.Meetings.Calendar;
using CareMesh.Meetings.Minutes;
using CareMesh.Meetings.People;
using CareMesh.Meetings.Programme;
using CareMesh.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareMesh.Meetings.Data;

public sealed class MeetingsDbContext(DbContextOptions<MeetingsDbContext> options) : DbContext(options)
{
    public DbSet<MeetingSeries> Series => Set<MeetingSeries>();
    public DbSet<MdtMeeting> Meetings => Set<MdtMeeting>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<AgendaProposal> Proposals => Set<AgendaProposal>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Attendee> Attendees => Set<Attendee>();
    public DbSet<Minute> Minutes => Set<Minute>();
    public DbSet<MinuteAddendum> Addenda => Set<MinuteAddendum>();
    public DbSet<MdtAction> Actions => Set<MdtAction>();
    public DbSet<ActionUpdate> ActionUpdates => Set<ActionUpdate>();
    public DbSet<ActionChase> ActionChases => Set<ActionChase>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MeetingSeries>(series =>
        {
            series.ToTable("meeting_series");
            series.HasKey(s => s.Id);
            series.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
            series.Property(s => s.Scope).HasConversion<string>().HasMaxLength(20);
            series.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(20);
            series.Property(s => s.Day).HasConversion<string>().HasMaxLength(10);
            series.Property(s => s.Week).HasConversion<string>().HasMaxLength(10);
            series.Property(s => s.Title).HasMaxLength(MeetingSeries.MaxTitleLength);
            series.Property(s => s.Organisation).HasMaxLength(10);
            series.Property(s => s.ChairUserId).HasMaxLength(200);
            series.Property(s => s.ChairName).HasMaxLength(200);
            series.Property(s => s.Location).HasMaxLength(MeetingSeries.MaxPlaceLength);
            series.Property(s => s.VideoLink).HasMaxLength(MeetingSeries.MaxLinkLength);
            series.Property(s => s.CreatedByUserId).HasMaxLength(200);
            series.Property(s => s.CoreMembers).StoredAsJsonb(JsonOptions);
            series.Property(s => s.Quorum).StoredAsJsonb(JsonOptions);
            series.Property(s => s.Version).IsConcurrencyToken();
            series.Ignore(s => s.Recurrence);
        });

        modelBuilder.Entity<MdtMeeting>(meeting =>
        {
            meeting.ToTable("mdt_meetings");
            meeting.HasKey(m => m.Id);
            meeting.Property(m => m.Title).HasMaxLength(200);
            meeting.Property(m => m.Location).HasMaxLength(300);
            meeting.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
            meeting.Property(m => m.Scope).HasConversion<string>().HasMaxLength(20);
            meeting.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            meeting.Property(m => m.Organisation).HasMaxLength(10);
            meeting.Property(m => m.ChairUserId).HasMaxLength(200);
            meeting.Property(m => m.ChairName).HasMaxLength(200);
            meeting.Property(m => m.VideoLink).HasMaxLength(MeetingSeries.MaxLinkLength);
            meeting.Property(m => m.StatusReason).HasMaxLength(500);
            meeting.Property(m => m.PapersCirculatedBy).HasMaxLength(200);
            meeting.Property(m => m.CoreMembers).StoredAsJsonb(JsonOptions);
            meeting.Property(m => m.Quorum).StoredAsJsonb(JsonOptions);
            meeting.Property(m => m.MemberUserIds);
            meeting.Property(m => m.Version).IsConcurrencyToken();
            meeting.Ignore(m => m.EndsAt);
            meeting.HasIndex(m => m.StartsAt);
            // One meeting per slot of a series, however often the horizon check runs.
            meeting.HasIndex(m => new { m.SeriesId, m.OccurrenceDate }).IsUnique();
            // A user's calendar: the meetings they are a member of.
            meeting.HasIndex(m => m.MemberUserIds).HasMethod("gin");
            // The late-papers check reads only meetings whose papers are not yet out.
            meeting.HasIndex(m => m.PapersDueAt).HasFilter("papers_circulated_at IS NULL AND papers_late_flagged_at IS NULL AND status = 'Scheduled'");
        });

        modelBuilder.Entity<AgendaItem>(item =>
        {
            item.ToTable("agenda_items");
            item.HasKey(i => i.Id);
            item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
            item.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
            item.Property(i => i.Source).HasConversion<string>().HasMaxLength(30);
            item.Property(i => i.Title).HasMaxLength(AgendaItem.MaxTitleLength);
            item.Property(i => i.NhsNumber).HasMaxLength(10);
            item.Property(i => i.Reason).HasMaxLength(AgendaItem.MaxTextLength);
            item.Property(i => i.AskedBy).HasMaxLength(200);
            item.Property(i => i.Question).HasMaxLength(AgendaItem.MaxTextLength);
            item.Property(i => i.AddedByUserId).HasMaxLength(200);
            item.Property(i => i.DecidedByUserId).HasMaxLength(200);
            item.Property(i => i.Version).IsConcurrencyToken();
            item.HasOne<MdtMeeting>().WithMany().HasForeignKey(i => i.MeetingId);
            item.HasIndex(i => new { i.MeetingId, i.Position });
            // A person's history across meetings.
            item.HasIndex(i => i.NhsNumber).HasFilter("nhs_number IS NOT NULL");
            // An item carries forward once.
            item.HasIndex(i => i.CarriedFromItemId).IsUnique().HasFilter("carried_from_item_id IS NOT NULL");
        });

        modelBuilder.Entity<AgendaProposal>(proposal =>
        {
            proposal.ToTable("agenda_proposals");
            proposal.HasKey(p => p.Id);
            proposal.Property(p => p.Source).HasConversion<string>().HasMaxLength(30);
            proposal.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            proposal.Property(p => p.SourceKey).HasMaxLength(100);
            proposal.Property(p => p.NhsNumber).HasMaxLength(10);
            proposal.Property(p => p.PracticeOds).HasMaxLength(10);
            proposal.Property(p => p.Reason).HasMaxLength(AgendaItem.MaxTextLength);
            proposal.Property(p => p.DecidedByUserId).HasMaxLength(200);
            proposal.Property(p => p.DismissedBecause).HasMaxLength(500);
            // Each event proposes once, even when it is delivered again under another message id.
            proposal.HasIndex(p => new { p.Source, p.SourceKey }).IsUnique();
            proposal.HasIndex(p => p.ProposedAt).HasFilter("status = 'Pending'");
        });

        modelBuilder.Entity<Person>(person =>
        {
            person.ToTable("people");
            person.HasKey(p => p.NhsNumber);
            person.Property(p => p.NhsNumber).HasMaxLength(10);
            person.Property(p => p.GivenName).HasMaxLength(100);
            person.Property(p => p.FamilyName).HasMaxLength(100);
            person.Property(p => p.PracticeOds).HasMaxLength(10);
            person.Property(p => p.ReferralReason).HasMaxLength(AgendaItem.MaxTextLength);
            person.Property(p => p.Urgency).HasMaxLength(20);
            person.Property(p => p.Complexity).HasMaxLength(20);
            person.Property(p => p.CareCoordinatorName).HasMaxLength(200);
            person.Property(p => p.PlanStatus).HasMaxLength(20);
            person.Property(p => p.LatestEscalation).HasMaxLength(AgendaItem.MaxTextLength);
            person.Property(p => p.RowVersion).IsRowVersion();
            person.Ignore(p => p.DisplayName);
        });

        modelBuilder.Entity<Attendee>(attendee =>
        {
            attendee.ToTable("attendees");
            attendee.HasKey(a => a.Id);
            attendee.Property(a => a.UserId).HasMaxLength(200);
            attendee.Property(a => a.Name).HasMaxLength(Attendee.MaxNameLength);
            attendee.Property(a => a.Role).HasConversion<string>().HasMaxLength(30);
            attendee.Property(a => a.Organisation).HasMaxLength(200);
            attendee.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            attendee.HasOne<MdtMeeting>().WithMany().HasForeignKey(a => a.MeetingId);
            attendee.HasIndex(a => a.MeetingId);
            attendee.HasIndex(a => a.UserId).HasFilter("user_id IS NOT NULL");
        });

        modelBuilder.Entity<Minute>(minute =>
        {
            minute.ToTable("minutes");
            minute.HasKey(m => m.Id);
            minute.Property(m => m.Situation).HasMaxLength(Minute.MaxTextLength);
            minute.Property(m => m.Discussion).HasMaxLength(Minute.MaxTextLength);
            minute.Property(m => m.NextSteps).HasMaxLength(Minute.MaxTextLength);
            minute.Property(m => m.Outcome).HasConversion<string>().HasMaxLength(20);
            minute.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            minute.Property(m => m.WrittenByUserId).HasMaxLength(200);
            minute.Property(m => m.FinalisedByUserId).HasMaxLength(200);
            minute.Property(m => m.Decisions).StoredAsJsonb(JsonOptions);
            minute.Property(m => m.Version).IsConcurrencyToken();
            minute.HasIndex(m => m.AgendaItemId).IsUnique();
            minute.HasIndex(m => m.MeetingId);
            minute.HasOne<AgendaItem>().WithMany().HasForeignKey(m => m.AgendaItemId);
            minute.HasMany(m => m.Addenda).WithOne().HasForeignKey(a => a.MinuteId);
        });

        modelBuilder.Entity<MinuteAddendum>(addendum =>
        {
            addendum.ToTable("minute_addenda");
            addendum.HasKey(a => a.Id);
            addendum.Property(a => a.Text).HasMaxLength(Minute.MaxTextLength);
            addendum.Property(a => a.AddedByUserId).HasMaxLength(200);
            addendum.Property(a => a.AddedByName).HasMaxLength(200);
        });

        modelBuilder.Entity<MdtAction>(action =>
        {
            action.ToTable("mdt_actions");
            action.HasKey(a => a.Id);
            action.Property(a => a.Description).HasMaxLength(MdtAction.MaxTextLength);
            action.Property(a => a.NhsNumber).HasMaxLength(10);
            action.Property(a => a.OwnerUserId).HasMaxLength(200);
            action.Property(a => a.OwnerName).HasMaxLength(200);
            action.Property(a => a.OwnerOrganisation).HasMaxLength(200);
            action.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            action.Property(a => a.CreatedByUserId).HasMaxLength(200);
            action.Property(a => a.Outcome).HasMaxLength(MdtAction.MaxTextLength);
            action.Property(a => a.Version).IsConcurrencyToken();
            action.HasOne<MdtMeeting>().WithMany().HasForeignKey(a => a.MeetingId);
            action.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.ActionId);
            action.HasIndex(a => a.MeetingId);
            // "My actions" and "my overdue actions": an owner's open actions by due date.
            action.HasIndex(a => new { a.OwnerUserId, a.DueOn }).HasFilter("status IN ('Open', 'InProgress')");
            // The overdue check and the team's overdue list: every open action by due date.
            action.HasIndex(a => a.DueOn).HasFilter("status IN ('Open', 'InProgress')");
            action.HasIndex(a => a.NhsNumber).HasFilter("nhs_number IS NOT NULL AND status IN ('Open', 'InProgress')");
        });

        modelBuilder.Entity<ActionUpdate>(update =>
        {
            update.ToTable("mdt_action_updates");
            update.HasKey(u => u.Id);
            update.Property(u => u.ByUserId).HasMaxLength(200);
            update.Property(u => u.ByName).HasMaxLength(200);
            update.Property(u => u.FromStatus).HasConversion<string>().HasMaxLength(20);
            update.Property(u => u.ToStatus).HasConversion<string>().HasMaxLength(20);
            update.Property(u => u.Note).HasMaxLength(MdtAction.MaxTextLength);
            update.HasIndex(u => new { u.ActionId, u.At });
        });

        modelBuilder.Entity<ActionChase>(chase =>
        {
            chase.ToTable("mdt_action_chases");
            chase.HasKey(c => new { c.ActionId, c.Chase });
            chase.HasOne<MdtAction>().WithMany().HasForeignKey(c => c.ActionId);
        });

        modelBuilder.Entity<CalendarFeed>(feed =>
        {
            feed.ToTable("calendar_feeds");
            feed.HasKey(f => f.UserId);
            feed.Property(f => f.UserId).HasMaxLength(200);
            feed.Property(f => f.SecretHash).HasMaxLength(64);
            feed.HasIndex(f => f.SecretHash).IsUnique();
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
