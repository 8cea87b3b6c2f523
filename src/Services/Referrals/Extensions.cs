using CareMesh.Messaging;
using CareMesh.Referrals.Data;

namespace CareMesh.Referrals;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReferralsDbContext>("referralsdb");
        builder.AddMessaging<ReferralsDbContext>();
    }
}
