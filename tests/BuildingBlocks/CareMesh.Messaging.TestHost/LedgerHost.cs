using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
        return builder.Build();
    }

    /// <summary>The ledger is a test fixture, not a service: its schema is created, not migrated.</summary>
    public static async Task CreateSchemaAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<LedgerDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new LedgerDbContext(options);
        await db.Database.EnsureCreatedAsync();
    }
}
