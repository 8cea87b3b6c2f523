using System.Security.Cryptography;
using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Model;
using CareMesh.AppHost.Orchestration;
using Microsoft.Extensions.Hosting;

namespace CareMesh.AppHost;

/// <summary>
/// One run of CareMesh: the resource graph with ports, endpoints and environments fixed at
/// <see cref="Create(AppHostOptions)"/>, then started in dependency order and supervised until stopped.
/// </summary>
public sealed class CareMeshApp : IAsyncDisposable
{
    private static readonly string DotnetHost = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private readonly ProjectCatalog catalog;
    private readonly Dictionary<string, IResourceSupervisor> supervisors;
    private readonly CancellationTokenSource shutdown = new();
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false });
    private readonly Lock gate = new();
    private Task? starting;
    private Task? stopping;

    private CareMeshApp(AppHostOptions options, ProjectCatalog catalog)
    {
        this.catalog = catalog;
        Options = options;
        Infrastructure = InfrastructureConnections.Resolve(options);
        if (options.DevelopmentKeyFile is { } keyFile)
        {
            DevelopmentSigningKey.LoadOrCreate(keyFile);
        }

        Graph = CareMeshTopology.Build(catalog, options);

        var httpEndpoints = AllocateHttpEndpoints(Graph);
        var inputs = new EnvironmentInputs(options, Infrastructure, httpEndpoints, RunId: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Resources = Graph.StartOrder.ToDictionary(
            definition => definition.Name,
            definition => definition.Kind == ResourceKind.Project
                ? new Resource(definition, [httpEndpoints[definition.Name]], ServiceEnvironment.For(definition, inputs))
                : new Resource(definition, [Infrastructure.EndpointOf(definition.Kind)], new Dictionary<string, string>()),
            StringComparer.Ordinal);

        var script = Infrastructure.StartsInfrastructure
            ? new InfrastructureScript(
                Path.Combine(catalog.RepositoryRoot, "caremesh"),
                [.. Resources.Values.Where(resource => Infrastructure.StartedByAppHost(resource.Kind))],
                options.StopTimeout)
            : null;
        InfrastructureScript = script?.ScriptPath;
        supervisors = Resources.Values.ToDictionary(resource => resource.Name, resource => CreateSupervisor(resource, script));
    }

    public AppHostOptions Options { get; }

    public InfrastructureConnections Infrastructure { get; }

    /// <summary>The script that starts PostgreSQL and RabbitMQ, when the app host runs it (no connection string given).</summary>
    public string? InfrastructureScript { get; }

    public ResourceGraph Graph { get; }

    public IReadOnlyDictionary<string, Resource> Resources { get; }

    public string GatewayUrl => Resources[CareMeshTopology.Gateway].Endpoints[0];

    /// <summary>Builds the run from the projects embedded at build time; starts nothing.</summary>
    public static CareMeshApp Create(AppHostOptions options) => Create(options, ProjectCatalog.Embedded);

    public static CareMeshApp Create(AppHostOptions options, ProjectCatalog catalog) => new(options, catalog);

    /// <summary>
    /// Starts every resource in dependency order and returns once all are under way: resources whose
    /// dependencies are not healthy yet wait (state Waiting). Use <see cref="WaitForHealthyAsync(TimeSpan, CancellationToken)"/>
    /// to wait for them.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping is not null, this);
            starting ??= Task.WhenAll(Graph.StartOrder.Select(definition => StartWhenReadyAsync(definition, shutdown.Token)));
        }

        return Task.CompletedTask;
    }

    /// <exception cref="ResourceFailedException">The resource failed to start, or a resource it waits for did.</exception>
    /// <exception cref="TimeoutException">It was not healthy within <paramref name="timeout"/>.</exception>
    public async Task WaitForHealthyAsync(string resourceName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var resource = Resources[resourceName];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        ResourceSnapshot reached;
        try
        {
            reached = await resource.WaitUntilAsync(HealthyOrFailed, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"'{resourceName}' was not healthy within {timeout} (state {resource.State}, health {resource.Health}):{Environment.NewLine}{LastLines(resource)}");
        }

        if (reached.State == ResourceState.FailedToStart)
        {
            throw new ResourceFailedException(resourceName, $"'{resourceName}' failed to start:{Environment.NewLine}{LastLines(resource)}");
        }
    }

    /// <summary>Waits for every resource to be healthy.</summary>
    public Task WaitForHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Task.WhenAll(Resources.Keys.Select(name => WaitForHealthyAsync(name, timeout, cancellationToken)));

    /// <summary>
    /// Stops every process, those nothing else waits for first (gateway, then services). PostgreSQL
    /// and RabbitMQ are left running. Safe to call more than once.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            stopping ??= StopInStagesAsync();
            return stopping.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Starts a service or the gateway that an operator stopped (or that failed); runs it now, without waiting for its dependencies.</summary>
    /// <exception cref="KeyNotFoundException">No resource has that name.</exception>
    /// <exception cref="InvalidOperationException">The resource is infrastructure, which the app host does not start or stop.</exception>
    public void StartResource(string name) => ProcessOf(name).Start();

    /// <summary>Stops a service or the gateway until <see cref="StartResource"/>; it is not restarted meanwhile.</summary>
    /// <inheritdoc cref="StartResource" path="/exception"/>
    public Task StopResourceAsync(string name) => ProcessOf(name).StopRunAsync();

    /// <inheritdoc cref="StartResource" path="/exception"/>
    public async Task RestartResourceAsync(string name)
    {
        var process = ProcessOf(name);
        await process.StopRunAsync();
        process.Start();
    }

    /// <summary>Whether the app host runs the resource's process, and so can start and stop it.</summary>
    public bool Controls(string name) => supervisors.GetValueOrDefault(name) is ProcessSupervisor;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        http.Dispose();
        shutdown.Dispose();
    }

    private async Task StopInStagesAsync()
    {
        await shutdown.CancelAsync();
        foreach (var stage in Graph.StopStages)
        {
            await Task.WhenAll(stage.Select(definition => supervisors[definition.Name].StopAsync()));
        }

        if (starting is not null)
        {
            await starting;
        }
    }

    private async Task StartWhenReadyAsync(ResourceDefinition definition, CancellationToken cancellationToken)
    {
        var resource = Resources[definition.Name];
        if (definition.Project is { } project && !File.Exists(catalog.EntryAssemblyOf(project)))
        {
            Fail(resource, $"{catalog.EntryAssemblyOf(project)} does not exist: build the solution ({catalog.Configuration}) first.");
            return;
        }

        if (definition.WaitsFor.Count > 0)
        {
            resource.Update(snapshot => snapshot with { State = ResourceState.Waiting });
            try
            {
                await Task.WhenAll(definition.WaitsFor.Select(name => WaitForDependencyAsync(Resources[name], cancellationToken)));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ResourceFailedException e)
            {
                Fail(resource, e.Message);
                return;
            }
        }

        supervisors[definition.Name].Start();
    }

    private ProcessSupervisor ProcessOf(string name) => supervisors.TryGetValue(name, out var supervisor)
        ? supervisor as ProcessSupervisor
          ?? throw new InvalidOperationException($"'{name}' is {Resources[name].Kind}, which the app host watches but does not start or stop.")
        : throw new KeyNotFoundException($"There is no resource named '{name}'.");

    private static async Task WaitForDependencyAsync(Resource dependency, CancellationToken cancellationToken)
    {
        var reached = await dependency.WaitUntilAsync(HealthyOrFailed, cancellationToken);
        if (reached.State == ResourceState.FailedToStart)
        {
            throw new ResourceFailedException(dependency.Name, $"Not started: '{dependency.Name}', which it waits for, failed to start.");
        }
    }

    private static bool HealthyOrFailed(ResourceSnapshot snapshot) =>
        snapshot.Health == ResourceHealth.Healthy || snapshot.State == ResourceState.FailedToStart;

    private static void Fail(Resource resource, string reason)
    {
        resource.Logs.AppendFromAppHost(reason);
        resource.Update(snapshot => snapshot with { State = ResourceState.FailedToStart });
    }

    private IResourceSupervisor CreateSupervisor(Resource resource, InfrastructureScript? script)
    {
        switch (resource.Kind)
        {
            case ResourceKind.Project:
                var project = resource.Definition.Project!;
                var launch = new LaunchSpec(DotnetHost, [catalog.EntryAssemblyOf(project)], project.Directory, resource.Environment)
                {
                    OwnSession = true,
                };
                var health = new HttpHealthProbe(http, new Uri(new Uri(resource.Endpoints[0]), "/health"));
                return new ProcessSupervisor(resource, launch, health, Options.RestartPolicy, Options.StopTimeout);
            default:
                var (host, port) = Infrastructure.AddressOf(resource.Kind);
                return new InfrastructureSupervisor(
                    resource, new TcpHealthProbe(host, port), Infrastructure.StartedByAppHost(resource.Kind) ? script : null);
        }
    }

    /// <summary>Fixed ports as configured; the OS picks the others, once, so a restarted process keeps its port.</summary>
    private static Dictionary<string, string> AllocateHttpEndpoints(ResourceGraph graph)
    {
        var bindings = graph.StartOrder.Where(definition => definition.Http is not null).ToList();
        var free = new Queue<int>(PortAllocator.FreeLoopbackPorts(bindings.Count(definition => definition.Http!.Port is null)));
        return bindings.ToDictionary(
            definition => definition.Name,
            definition => $"http://{definition.Http!.Host}:{definition.Http.Port ?? free.Dequeue()}",
            StringComparer.Ordinal);
    }

    private static string LastLines(Resource resource) =>
        string.Join(Environment.NewLine, resource.Logs.Tail(20).Select(line => "    " + line.Text));
}
