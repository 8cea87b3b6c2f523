using CareMesh.Messaging.Inbox;
using CareMesh.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Messaging;

public static class MessagingModelBuilderExtensions
{
    /// <summary>Adds <c>outbox_messages</c> and <c>inbox_messages</c> to a service's own database.</summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).ValueGeneratedNever();
            outbox.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            outbox.Property(m => m.MessageType).HasMaxLength(300);
            outbox.Property(m => m.Payload).HasColumnType("jsonb");
            outbox.Property(m => m.TraceParent).HasMaxLength(55);
            outbox.Property(m => m.TraceState).HasMaxLength(512);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            // The dispatcher's only question is "what is due and unsent"; sent rows stay out of the index.
            outbox.HasIndex(m => new { m.NextAttemptAt, m.Sequence }).HasFilter("sent_at IS NULL");
            outbox.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.HasIndex(m => m.ProcessedAt);
        });

        return modelBuilder;
    }
}
