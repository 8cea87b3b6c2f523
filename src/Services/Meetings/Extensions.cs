using MassTransit;
using CareMesh.Meetings.Actions;
using CareMesh.Meetings.Data;
using CareMesh.Meetings.Papers;
using CareMesh.Meetings.People;
using CareMesh.Meetings.Programme;
using CareMesh.Messaging;

namespace CareMesh.Meetings;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Request records' attribute rules run before each handler. Called here, not in the service
        // defaults: the source generator registers this project's own validation where it sees the call.
        builder.Services.AddValidation();
        builder.Services.AddOptions<MeetingsOptions>().BindSettings(MeetingsOptions.Section);
        builder.AddServiceDatabase<MeetingsDbContext>("meetingsdb");
        builder.Services.AddScoped<PersonRecords>();
        builder.AddMessaging<MeetingsDbContext>(bus =>
        {
            bus.AddConsumer<ReferralAcceptedConsumer, ReferralAcceptedConsumerDefinition>();
            bus.AddConsumer<EscalationRaisedConsumer, EscalationRaisedConsumerDefinition>();
            bus.AddConsumer<CarePlanReviewDueConsumer, CarePlanReviewDueConsumerDefinition>();
            bus.AddConsumer<CarePlanStatusConsumer, CarePlanStatusConsumerDefinition>();
        });
        builder.AddScheduledCheck<SeriesHorizonCheck>(TimeSpan.FromHours(6));
        builder.AddScheduledCheck<LatePapersCheck>(TimeSpan.FromMinutes(5));
        builder.AddScheduledCheck<OverdueActionsCheck>(TimeSpan.FromMinutes(15));
    }
}
