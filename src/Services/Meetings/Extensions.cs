using CareMesh.Meetings.Data;
using CareMesh.Messaging;

namespace CareMesh.Meetings;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Request records' attribute rules run before each handler. Called here, not in the service
        // defaults: the source generator registers this project's own validation where it sees the call.
        builder.Services.AddValidation();
        builder.AddServiceDatabase<MeetingsDbContext>("meetingsdb");
        builder.AddMessaging<MeetingsDbContext>();
    }
}
