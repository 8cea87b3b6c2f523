using CareMesh.Messaging;
using MassTransit;
using CareMesh.Referrals.Data;
using CareMesh.Referrals.Escalations;
using CareMesh.Referrals.Onward;
using CareMesh.Referrals.Outcome;

namespace CareMesh.Referrals;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Request records' attribute rules run before each handler. Called here, not in the service
        // defaults: the source generator registers this project's own validation where it sees the call.
        builder.Services.AddValidation();
        builder.Services.AddOptions<ReferralsOptions>().BindSettings(ReferralsOptions.Section);
        builder.Services.AddHttpContextAccessor();
        // By service name: the app host (or Kubernetes) says where the Directory is.
        builder.Services.AddHttpClient<DirectoryClient>(http => http.BaseAddress = new Uri("http://directory"));
        builder.AddServiceDatabase<ReferralsDbContext>("referralsdb");
        builder.AddMessaging<ReferralsDbContext>(bus =>
        {
            bus.AddConsumer<DirectoryServiceWithdrawnConsumer, DirectoryServiceWithdrawnConsumerDefinition>();
            bus.AddConsumer<CarePlanAgreedConsumer, CarePlanAgreedConsumerDefinition>();
        });
        builder.AddScheduledCheck<OverdueEscalationsCheck>(TimeSpan.FromMinutes(5));
        builder.AddScheduledCheck<UnansweredOnwardReferralsCheck>(TimeSpan.FromHours(1));
    }
}
