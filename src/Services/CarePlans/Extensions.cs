using CareMesh.CarePlans.Actions;
using CareMesh.CarePlans.Coding;
using CareMesh.CarePlans.Data;
using CareMesh.CarePlans.Patients;
using CareMesh.CarePlans.Mdt;
using CareMesh.CarePlans.Plans;
using CareMesh.CarePlans.Reviews;
using CareMesh.Messaging;
using MassTransit;

namespace CareMesh.CarePlans;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Request records' attribute rules run before each handler. Called here, not in the service
        // defaults: the source generator registers this project's own validation where it sees the call.
        builder.Services.AddValidation();
        builder.Services.AddOptions<CarePlansOptions>().BindSettings(CarePlansOptions.Section);
        builder.AddServiceDatabase<CarePlansDbContext>("careplansdb");
        builder.Services.AddScoped<ActionNews>();
        builder.Services.AddOptions<ActivityCodeOptions>().BindSettings(ActivityCodeOptions.Section);
        builder.Services.AddSingleton<ActivityCodes>();
        builder.AddMessaging<CarePlansDbContext>(bus =>
        {
            bus.AddConsumer<ReferralReceivedConsumer, ReferralReceivedConsumerDefinition>();
            bus.AddConsumer<ReferralAcceptedConsumer, ReferralAcceptedConsumerDefinition>();
            bus.AddConsumer<OnwardReferralConsumer, OnwardReferralConsumerDefinition>();
            bus.AddConsumer<DirectoryServiceWithdrawnConsumer, DirectoryServiceWithdrawnConsumerDefinition>();
            bus.AddConsumer<MdtConsumer, MdtConsumerDefinition>();
        });
        builder.AddScheduledCheck<ReviewDueCheck>(TimeSpan.FromDays(1));
    }
}
