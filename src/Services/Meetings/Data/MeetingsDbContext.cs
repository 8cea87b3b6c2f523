using CareMesh.Meetings.Programme;
using CareMesh.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.Data;

public sealed class MeetingsDbContext(DbContextOptions<MeetingsDbContext> options) : DbContext(options)
{
    public DbSet<MdtMeeting> Meetings => Set<MdtMeeting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MdtMeeting>(meeting =>
        {
            meeting.ToTable("mdt_meetings");
            meeting.HasKey(m => m.Id);
            meeting.Property(m => m.Title).HasMaxLength(200);
            meeting.Property(m => m.Location).HasMaxLength(300);
            meeting.HasIndex(m => m.StartsAt);
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotencyTable();
        modelBuilder.AddAuditTable();
    }
}
