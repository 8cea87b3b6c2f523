using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers a service's own PostgreSQL database: the DbContext on connection string
    /// <paramref name="connectionName"/>, snake_case names, a readiness check, and, in Development,
    /// migrations applied at start (elsewhere a deployment step applies them).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName}.");
        }

        // Pooled: a context per request or message is the hot path of every service.
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            // Interceptors registered by building blocks (the outbox's commit signal) join every context.
            .AddInterceptors(services.GetServices<IInterceptor>()));

        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(connectionName, tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddScoped(services => new ServiceDatabase(services.GetRequiredService<TContext>()));
        builder.AddScheduledCheck<KeptAnswersCleanup>(TimeSpan.FromHours(1));

        if (builder.Environment.IsDevelopment())
        {
            // First of all hosted services (they start in order): the data protection key ring, the scheduled
            // checks and the consumers all read the database, which the first migration creates.
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseMigrator<TContext>>());
        }

        return builder;
    }
}

/// <summary>
/// Applies pending migrations before anything else starts (the first hosted service), so nothing reads a
/// database or schema that is not there yet.
/// </summary>
internal sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        logger.LogInformation("Applying migrations to {Database}", db.Database.GetDbConnection().Database);
        await CreateIfMissingAsync(db.Database.GetConnectionString()!, cancellationToken);
        // Likewise the history table: on a new database EF reads it before creating it, and logs the failure.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the database from the server's maintenance database when it is not there. EF would find it
    /// missing by failing to connect to it, and log that as an error on every first start.
    /// </summary>
    private static async Task CreateIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
                   ?? throw new InvalidOperationException("The connection string names no database.");
        await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await server.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", server) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", server);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Removes answers kept for <c>Idempotency-Key</c> retries once they are older than <see cref="Idempotency.KeptFor"/>.</summary>
public sealed class KeptAnswersCleanup(ServiceDatabase database) : IScheduledCheck
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (database.Context.Model.FindEntityType(typeof(IdempotentRequest)) is null)
        {
            return;
        }

        var before = now - Idempotency.KeptFor;
        await database.Context.Set<IdempotentRequest>().Where(r => r.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
