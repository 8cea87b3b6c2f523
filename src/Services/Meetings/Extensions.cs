using CareMesh.Meetings.Data;
using CareMesh.Messaging;

namespace CareMesh.Meetings;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MeetingsDbContext>("meetingsdb");
        builder.AddMessaging<MeetingsDbContext>();
    }
}
