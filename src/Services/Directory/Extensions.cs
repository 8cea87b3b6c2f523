using CareMesh.Directory.Data;
using CareMesh.Messaging;

namespace CareMesh.Directory;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DirectoryDbContext>("directorydb");
        builder.AddMessaging<DirectoryDbContext>();
    }
}
