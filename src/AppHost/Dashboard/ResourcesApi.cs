using CareMesh.AppHost.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CareMesh.AppHost.Dashboard;

public sealed record EnvironmentVariable(string Name, string Value);

/// <summary>A resource as the dashboard shows it: secrets masked, state in Aspire's names.</summary>
public sealed record ResourceView(
    string Name,
    string Type,
    string State,
    string Health,
    DateTimeOffset? StartedAt,
    int RestartCount,
    int? ProcessId,
    int? ExitCode,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<EnvironmentVariable> Environment,
    IReadOnlyList<string> WaitsFor,
    IReadOnlyList<string> References,
    bool CanControl)
{
    public static ResourceView Of(Resource resource, bool canControl)
    {
        var snapshot = resource.Current;
        return new ResourceView(
            resource.Name,
            resource.Kind.ToString(),
            snapshot.State.ToString(),
            snapshot.Health.ToString(),
            snapshot.StartedAt,
            snapshot.RestartCount,
            snapshot.ProcessId,
            snapshot.ExitCode,
            resource.Endpoints,
            [.. resource.Environment.Select(variable => new EnvironmentVariable(variable.Key, SecretMasking.Value(variable.Key, variable.Value)))],
            resource.Definition.WaitsFor,
            resource.Definition.References,
            canControl);
    }

    public static IReadOnlyList<ResourceView> All(CareMeshApp app) =>
        [.. app.Graph.StartOrder.Select(definition => Of(app.Resources[definition.Name], app.Controls(definition.Name)))];
}

/// <summary>Resources, their console output, and the start, stop and restart actions.</summary>
public static class ResourcesApi
{
    public static RouteGroupBuilder MapResourcesApi(this IEndpointRouteBuilder endpoints)
    {
        var resources = endpoints.MapGroup("/api/resources");
        resources.MapGet("/", (CareMeshApp app) => TypedResults.Ok(ResourceView.All(app)));
        resources.MapGet("/{name}/console", ConsoleAsync);
        resources.MapPost("/{name}/{action}", ActAsync);
        return resources;
    }

    /// <summary>The lines kept so far, then each new line, as server-sent events.</summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ConsoleAsync(string name, CareMeshApp app, HttpContext context)
    {
        if (!app.Resources.TryGetValue(name, out var resource))
        {
            return UnknownResource(name);
        }

        var events = ServerSentEvents.Start(context);
        try
        {
            await foreach (var line in resource.Logs.FollowAsync(context.RequestAborted))
            {
                await events.SendAsync("line", new { line.Sequence, line.Timestamp, Stream = line.Stream.ToString(), line.Text });
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page went away.
        }

        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> ActAsync(string name, string action, CareMeshApp app)
    {
        if (!app.Resources.TryGetValue(name, out var resource))
        {
            return UnknownResource(name);
        }

        if (!app.Controls(name))
        {
            return TypedResults.Problem(
                $"'{name}' is {resource.Kind}: the app host watches it but does not start or stop it.", statusCode: StatusCodes.Status409Conflict);
        }

        switch (action)
        {
            case "start":
                app.StartResource(name);
                break;
            case "stop":
                await app.StopResourceAsync(name);
                break;
            case "restart":
                await app.RestartResourceAsync(name);
                break;
            default:
                return TypedResults.Problem($"'{action}' is not an action: use start, stop or restart.", statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(ResourceView.Of(resource, canControl: true));
    }

    private static ProblemHttpResult UnknownResource(string name) =>
        TypedResults.Problem($"There is no resource named '{name}'.", statusCode: StatusCodes.Status404NotFound);
}
