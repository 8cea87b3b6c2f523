using CareMesh.CarePlans.Data;
using CareMesh.CarePlans.Patients;
using CareMesh.Messaging;
using MassTransit;

namespace CareMesh.CarePlans;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CarePlansDbContext>("careplansdb");
        builder.AddMessaging<CarePlansDbContext>(bus =>
            bus.AddConsumer<ReferralReceivedConsumer, ReferralReceivedConsumerDefinition>());
    }
}
