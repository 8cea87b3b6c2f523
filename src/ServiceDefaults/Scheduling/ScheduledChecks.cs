using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Something a service checks on a schedule against its own database: reviews falling due,
/// escalations not acknowledged, actions overdue. Each run must be safe to repeat (what it finds it
/// marks, in the same transaction as the events it publishes), because runs can overlap across
/// replicas and restarts; the runner also holds a PostgreSQL advisory lock per check so that, at
/// any moment, only one replica runs it.
/// </summary>
public interface IScheduledCheck
{
    /// <summary>Runs once, as of <paramref name="now"/>, in a scope of its own.</summary>
    Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary><c>ScheduledChecks:&lt;CheckName&gt;</c>: how often a check runs, and whether it runs at all (<c>ScheduledChecks:Enabled</c> for every check).</summary>
public sealed class ScheduledCheckOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
    public bool Enabled { get; set; } = true;
}

public static class ScheduledCheckExtensions
{
    /// <summary>Runs <typeparamref name="TCheck"/> every <paramref name="interval"/> (configurable as <c>ScheduledChecks:&lt;TCheck&gt;:Interval</c>).</summary>
    public static IHostApplicationBuilder AddScheduledCheck<TCheck>(this IHostApplicationBuilder builder, TimeSpan interval)
        where TCheck : class, IScheduledCheck
    {
        builder.Services.AddScoped<TCheck>();
        builder.Services.AddOptions<ScheduledCheckOptions>(typeof(TCheck).Name)
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.Interval = interval;
                // ScheduledChecks:Enabled=false stops them all (tests run checks when they choose).
                options.Enabled = configuration.GetValue("ScheduledChecks:Enabled", true);
            })
            .Bind(builder.Configuration.GetSection($"ScheduledChecks:{typeof(TCheck).Name}"));
        builder.Services.AddHostedService<ScheduledCheckRunner<TCheck>>();
        return builder;
    }

    /// <summary>Runs <typeparamref name="TCheck"/> once now, in its own scope, as the runner would (tests move the clock, then call this).</summary>
    public static async Task RunScheduledCheckAsync<TCheck>(this IServiceProvider services, CancellationToken cancellationToken = default)
        where TCheck : class, IScheduledCheck
    {
        await using var scope = services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await ScheduledCheckRunner<TCheck>.RunOnceAsync(scope.ServiceProvider, clock.GetUtcNow(), cancellationToken);
    }
}

internal sealed class ScheduledCheckRunner<TCheck>(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptionsMonitor<ScheduledCheckOptions> options,
    ILogger<ScheduledCheckRunner<TCheck>> logger) : BackgroundService
    where TCheck : class, IScheduledCheck
{
    private static readonly long LockKey = StableHash(typeof(TCheck).FullName!);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Get(typeof(TCheck).Name);
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; what this one found is still unmarked.
                logger.LogError(e, "Scheduled check {Check} failed", typeof(TCheck).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal static async Task RunOnceAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ServiceDatabase>().Context;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Another replica running this check now holds the lock: let it.
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken);
        if (!locked)
        {
            return;
        }

        await services.GetRequiredService<TCheck>().RunAsync(now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static long StableHash(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        return BitConverter.ToInt64(hash, 0);
    }
}
