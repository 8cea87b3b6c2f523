using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Configuration;

/// <summary>The resources CareMesh is made of, and how they depend on each other.</summary>
public static class CareMeshTopology
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";
    public const string Gateway = "gateway";

    public static ResourceGraph Build(ProjectCatalog catalog, AppHostOptions options)
    {
        ResourceDefinition Service(string name, string database, params string[] references) =>
            new(name, ResourceKind.Project)
            {
                Project = catalog[name],
                Http = HttpBinding.Loopback,
                Database = database,
                UsesMessaging = true,
                WaitsFor = [Postgres, RabbitMq],
                References = references,
            };

        var services = new[]
        {
            // Referrals and CarePlans look services up in the directory while a user waits.
            Service("referrals", "referralsdb", "directory"),
            Service("careplans", "careplansdb", "directory"),
            Service("directory", "directorydb"),
            Service("meetings", "meetingsdb"),
        };
        string[] serviceNames = [.. services.Select(service => service.Name)];

        return ResourceGraph.Build(
        [
            new(Postgres, ResourceKind.PostgreSQL),
            new(RabbitMq, ResourceKind.RabbitMQ),
            .. services,
            new(Gateway, ResourceKind.Project)
            {
                Project = catalog[Gateway],
                // The only public entry: "localhost" so it answers on both loopback addresses.
                Http = new HttpBinding("localhost", options.GatewayPort),
                WaitsFor = serviceNames,
                References = serviceNames,
                // It only forwards and never blocks, so a socket's completion runs on the thread that saw
                // it rather than waking a pool thread: a hop's main cost at a moderate rate. The runtime
                // reads this when the first socket is made, hence a variable rather than code.
                Environment = new Dictionary<string, string> { ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1" },
            },
        ]);
    }
}
