using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
            builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        }

        return builder;
    }
}

/// <summary>
/// Applies pending migrations before anything else starts. Registered before messaging so no
/// consumer runs against a schema that is not there yet.
/// </summary>
internal sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        logger.LogInformation("Applying migrations to {Database}", db.Database.GetDbConnection().Database);
        await db.Database.MigrateAsync(cancellationToken);
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
