using CareMesh.Contracts.Referrals;
using CareMesh.Directory.Data;
using CareMesh.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Demand;

/// <summary>Counts an onward referral against its service and month; nothing about the person is kept.</summary>
public sealed class OnwardReferralSentConsumer(DirectoryDbContext db) : IConsumer<OnwardReferralSent>
{
    public async Task Consume(ConsumeContext<OnwardReferralSent> context)
    {
        var message = context.Message;
        var month = DemandMonths.Of(message.SentAt);
        // One statement, so that referrals to the same service counted at once cannot overwrite each other.
        // The inbox runs it in its transaction and commits it with its record of this message.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO service_demand (service_id, month, referrals_sent) VALUES ({message.ServiceId}, {month}, 1)
            ON CONFLICT (service_id, month) DO UPDATE SET referrals_sent = service_demand.referrals_sent + 1
            """, context.CancellationToken);
    }
}

public sealed class OnwardReferralSentConsumerDefinition : RetryingConsumerDefinition<OnwardReferralSentConsumer>;

public static class DemandMonths
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The first day of the month the moment falls in, in UK time (a referral at 00:30 BST on 1 June counts in June).</summary>
    public static DateOnly Of(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, UkTime);
        return new DateOnly(local.Year, local.Month, 1);
    }
}
