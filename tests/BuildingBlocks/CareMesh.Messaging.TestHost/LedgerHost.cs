using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareMesh.Messaging.TestHost;

public static class LedgerHost
{
    /// <summary>
    /// A host with the ledger's database ("ledgerdb"), its outbox dispatcher and, when
    /// <c>Ledger:Consume</c> is true, the ledger consumer on queue "ledger".
    /// </summary>
    public static IHost Build(params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, EnvironmentName = "Testing" });
        builder.AddServiceDatabase<LedgerDbContext>("ledgerdb");
        var consume = builder.Configuration.GetValue("Ledger:Consume", false);
        builder.AddMessaging<LedgerDbContext>(bus =>
        {
            if (consume)
            {
                bus.AddConsumer<LedgerConsumer, LedgerConsumerDefinition>().Endpoint(e => e.Name = "ledger");
            }
        });
        var host = builder.Build();
        // MassTransit keeps the first host's logger factory in a static; tests run several hosts one
        // after another in one process, so each new host takes it over from any disposed one.
        LogContext.ConfigureCurrentLogContext(host.Services.GetRequiredService<ILoggerFactory>());
        return host;
    }

    /// <summary>Command-line arguments for a ledger host on <paramref name="database"/> and <paramref name="broker"/>.</summary>
    public static string[] Arguments(string database, string broker, bool consume, params string[] more) =>
    [
        $"--ConnectionStrings:ledgerdb={database}",
        $"--ConnectionStrings:messaging={broker}",
        $"--Ledger:Consume={consume}",
        // Consumers' queues must be bound before anything is published, or the broker drops it.
        "--Messaging:Host:WaitUntilStarted=true",
        .. more,
    ];

    /// <summary>The ledger is a test fixture, not a service: its schema is created, not migrated.</summary>
    public static async Task CreateSchemaAsync(string connectionString)
    {
        await using var db = Open(connectionString);
        await db.Database.EnsureCreatedAsync();
    }

    /// <summary>A context on the ledger's database outside any host, for checking what it holds.</summary>
    public static LedgerDbContext Open(string connectionString) => new(new DbContextOptionsBuilder<LedgerDbContext>()
        .UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);
}
