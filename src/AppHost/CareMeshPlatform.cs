using Aspire.Hosting.ApplicationModel;
using CareMesh.AppHost.Infrastructure;
using CareMesh.AppHost.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.AppHost;

/// <summary>The resources CareMesh is made of and how they depend on each other.</summary>
public static class CareMeshPlatform
{
    public const string Postgres = "postgres";
    public const string Gateway = "gateway";
    public const string Identity = "identity";

    public static void AddCareMesh(this IDistributedApplicationBuilder builder)
    {
        // Run: each built project as its own process. Publish: project resources, for a deployment to build.
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.AddCareMesh(new Projects<BuiltProjectResource>(
                builder.AddBuiltProject<Projects.CareMesh_Referrals>, builder.AddBuiltProject<Projects.CareMesh_CarePlans>,
                builder.AddBuiltProject<Projects.CareMesh_Directory>, builder.AddBuiltProject<Projects.CareMesh_Meetings>,
                builder.AddBuiltProject<Projects.CareMesh_Gateway>, builder.AddBuiltProject<Projects.CareMesh_Web>,
                builder.AddBuiltProject<Projects.CareMesh_Identity>));
        }
        else
        {
            builder.AddCareMesh(new Projects<ProjectResource>(
                Project<Projects.CareMesh_Referrals>, Project<Projects.CareMesh_CarePlans>, Project<Projects.CareMesh_Directory>,
                Project<Projects.CareMesh_Meetings>, Project<Projects.CareMesh_Gateway>, Project<Projects.CareMesh_Web>,
                Project<Projects.CareMesh_Identity>));
        }

        IResourceBuilder<ProjectResource> Project<TProject>(string name) where TProject : IProjectMetadata, new() =>
            builder.AddProject<TProject>(name, project => project.ExcludeLaunchProfile = true);
    }

    /// <summary>How each project is added, by resource name.</summary>
    private sealed record Projects<T>(
        Func<string, IResourceBuilder<T>> Referrals,
        Func<string, IResourceBuilder<T>> CarePlans,
        Func<string, IResourceBuilder<T>> Directory,
        Func<string, IResourceBuilder<T>> Meetings,
        Func<string, IResourceBuilder<T>> Gateway,
        Func<string, IResourceBuilder<T>> Web,
        Func<string, IResourceBuilder<T>> Identity)
        where T : class, IResourceWithEnvironment, IResourceWithEndpoints, IResourceWithWaitSupport, IResourceWithServiceDiscovery;

    private static void AddCareMesh<T>(this IDistributedApplicationBuilder builder, Projects<T> projects)
        where T : class, IResourceWithEnvironment, IResourceWithEndpoints, IResourceWithWaitSupport, IResourceWithServiceDiscovery
    {
        var settings = CareMeshSettings.From(builder.Configuration);
        var (postgres, database) = builder.AddCareMeshPostgres(settings);
        var messaging = builder.AddCareMeshMessaging(settings);

        // The OpenID Connect provider, first: every other process validates tokens with its keys. Its issuer is its
        // public address behind the gateway; the others fetch its metadata from it directly (MetadataAddress).
        var identity = projects.Identity(Identity)
            .WithHttpEndpoint(isProxied: false)
            .WithReference(database("identitydb")).WaitFor(postgres);
        identity
            .WithCareMeshDefaults(settings, identity)
            .WithEnvironment("Identity__Issuer", settings.IdentityIssuer.AbsoluteUri)
            // The workspace's sign-in returns to the gateway's address, whatever port it was given.
            .WithEnvironment("Identity__Clients__Web__BaseAddress", settings.GatewayAddress.AbsoluteUri);

        IResourceBuilder<T> Service(Func<string, IResourceBuilder<T>> add, string name, string databaseName) =>
            add(name)
                .WithHttpEndpoint(isProxied: false)
                .WithReference(database(databaseName)).WaitFor(postgres)
                .WithReference(messaging, "messaging").WaitFor(messaging)
                .WithCareMeshDefaults(settings, identity);

        var directory = Service(projects.Directory, "directory", "directorydb");
        // Referrals and CarePlans look services up in the directory while a user waits.
        var referrals = Service(projects.Referrals, "referrals", "referralsdb").WithReference(directory);
        var carePlans = Service(projects.CarePlans, "careplans", "careplansdb").WithReference(directory);
        var meetings = Service(projects.Meetings, "meetings", "meetingsdb");

        var gateway = projects.Gateway(Gateway)
            // The only public entry, at a fixed address; "localhost" so it answers on both loopback addresses.
            .WithHttpEndpoint(port: settings.GatewayPort, isProxied: false)
            .WithExternalHttpEndpoints()
            .WithCareMeshDefaults(settings, identity)
            .WithReference(identity)
            // It only forwards and never blocks, so a socket's completion runs on the thread that saw it rather
            // than waking a pool thread. The runtime reads this when the first socket is made: a variable, not code.
            .WithEnvironment("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        foreach (var service in new[] { referrals, carePlans, directory, meetings })
        {
            gateway.WithReference(service).WaitFor(service);
        }

        // The workspace: reached only through the gateway (its lowest-priority route), and calling the services
        // back through it with each user's token. It signs people in at the provider behind the gateway's /identity/.
        var web = projects.Web("web")
            .WithHttpEndpoint(isProxied: false)
            .WithCareMeshDefaults(settings, identity)
            .WithReference(gateway)
            // Live pages hear the services' events; without the broker they still work, so no WaitFor.
            .WithReference(messaging, "messaging");
        gateway.WithReference(web);

        var queues = builder.AddQueues(settings, messaging);
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddHostedService<RestartOnCrash>();
            IResource[] watched = [postgres.Resource, messaging.Resource, identity.Resource, referrals.Resource, carePlans.Resource, directory.Resource, meetings.Resource, gateway.Resource, web.Resource, queues.Resource];
            builder.Services.AddHostedService(services => new ReadyReporter(
                services.GetRequiredService<ResourceNotificationService>(),
                [.. watched.Select(resource => resource.Name)],
                $"http://localhost:{settings.GatewayPort}"));
        }
    }

    /// <summary>
    /// What every project gets beyond Aspire's own variables: the environment, the identity provider whose tokens it
    /// accepts (started before it), and where it fetches that provider's metadata without going through the gateway.
    /// </summary>
    private static IResourceBuilder<T> WithCareMeshDefaults<T>(this IResourceBuilder<T> project, CareMeshSettings settings, IResourceBuilder<T> identity)
        where T : class, IResourceWithEnvironment, IResourceWithEndpoints, IResourceWithWaitSupport
    {
        if (!ReferenceEquals(project.Resource, identity.Resource))
        {
            project.WaitFor(identity);
        }

        project
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Authentication__Authority", settings.IdentityIssuer.AbsoluteUri)
            .WithEnvironment("Authentication__MetadataAddress",
                ReferenceExpression.Create($"{identity.GetEndpoint("http")}/.well-known/openid-configuration"))
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", settings.EnvironmentName)
            .WithEnvironment("DOTNET_ENVIRONMENT", settings.EnvironmentName)
            // One line per log entry, so console logs read line by line on the dashboard.
            .WithEnvironment("Logging__Console__FormatterName", "simple")
            .WithEnvironment("Logging__Console__FormatterOptions__SingleLine", "true");
        if (settings.IsDevelopment)
        {
            // Each request's start and end as structured logs within its trace, for the exporter alone.
            project.WithEnvironment("Logging__OpenTelemetry__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics", "Information");
        }

        return project;
    }

    /// <summary>
    /// PostgreSQL in the mode configuration chooses, and a connection string per database on it (name plus
    /// <see cref="CareMeshSettings.DatabaseSuffix"/>): an existing server when <c>ConnectionStrings:postgres</c>
    /// is given; else Aspire's container with <c>CareMesh:Infrastructure=containers</c>; else the machine's own binaries.
    /// </summary>
    private static (IResourceBuilder<IResourceWithConnectionString> Server, Func<string, IResourceBuilder<IResourceWithConnectionString>> Database)
        AddCareMeshPostgres(this IDistributedApplicationBuilder builder, CareMeshSettings settings)
    {
        if (settings.PostgresConnectionString is null && settings.UsesContainers)
        {
            var container = builder.AddPostgres(Postgres,
                builder.AddParameter("postgres-user", CareMeshSettings.LocalUser),
                builder.AddParameter("postgres-password", CareMeshSettings.LocalPassword, secret: true),
                port: settings.PostgresPort);
            return (container, name => container.AddDatabase(name, name + settings.DatabaseSuffix));
        }

        // A published manifest asks the deployment for its servers' connection strings: nothing of this machine's.
        IResourceBuilder<IResourceWithConnectionString> server = settings.PostgresConnectionString is { } existing
            ? builder.AddConnectionString(Postgres).WithServerHealthCheck(builder, ServerHealthChecks.Postgres(existing))
            : builder.ExecutionContext.IsPublishMode
                ? builder.AddConnectionString(Postgres)
                : builder.AddLocalPostgres(Postgres, settings);
        return (server, name => builder
            .AddConnectionString(name, ReferenceExpression.Create($"{server.Resource};Database={name + settings.DatabaseSuffix}"))
            .WithParentRelationship(server));
    }

    /// <summary>RabbitMQ, in the same three modes as PostgreSQL, keyed by <c>ConnectionStrings:messaging</c>.</summary>
    private static IResourceBuilder<IResourceWithConnectionString> AddCareMeshMessaging(this IDistributedApplicationBuilder builder, CareMeshSettings settings)
    {
        if (settings.MessagingConnectionString is { } existing)
        {
            return builder.AddConnectionString("messaging").WithServerHealthCheck(builder, ServerHealthChecks.RabbitMq(new Uri(existing)));
        }

        if (builder.ExecutionContext.IsPublishMode && !settings.UsesContainers)
        {
            return builder.AddConnectionString("messaging");
        }

        if (settings.UsesContainers)
        {
            return builder.AddRabbitMQ("rabbitmq",
                    builder.AddParameter("rabbitmq-user", CareMeshSettings.LocalUser),
                    builder.AddParameter("rabbitmq-password", CareMeshSettings.LocalPassword, secret: true),
                    port: settings.RabbitMqPort)
                .WithManagementPlugin(port: settings.RabbitMqManagementPort);
        }

        return builder.AddLocalRabbitMq("rabbitmq", settings);
    }
}
