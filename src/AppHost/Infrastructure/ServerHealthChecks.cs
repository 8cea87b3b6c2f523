using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace CareMesh.AppHost.Infrastructure;

/// <summary>
/// Whether a server answers as its clients will use it: PostgreSQL runs a query, RabbitMQ opens an AMQP
/// connection with the services' credentials. An open port alone says neither.
/// </summary>
public static class ServerHealthChecks
{
    public static Func<CancellationToken, Task> Postgres(string connectionString) => async cancellationToken =>
    {
        // No pool: a check must see the server as it is now, not reuse a connection from before it went away.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Database = "postgres", Timeout = 3 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    };

    public static Func<CancellationToken, Task> RabbitMq(Uri broker) => async cancellationToken =>
    {
        var factory = new ConnectionFactory { Uri = broker, RequestedConnectionTimeout = TimeSpan.FromSeconds(3), ClientProvidedName = "caremesh-apphost-health" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
    };

    /// <summary>Registers <paramref name="probe"/> as the resource's health check: healthy when it returns, unhealthy with its error when it throws.</summary>
    public static IResourceBuilder<T> WithServerHealthCheck<T>(this IResourceBuilder<T> resource, IDistributedApplicationBuilder builder, Func<CancellationToken, Task> probe)
        where T : IResource
    {
        var name = $"{resource.Resource.Name}_server";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(name, _ => new ProbeHealthCheck(probe), HealthStatus.Unhealthy, tags: null));
        return resource.WithHealthCheck(name);
    }

    private sealed class ProbeHealthCheck(Func<CancellationToken, Task> probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await probe(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(e.Message, e);
            }
        }
    }
}
