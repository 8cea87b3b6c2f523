using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.ServiceDefaults.Tests.Database;

/// <summary>In Development a service migrates its database before any other hosted service starts and reads it.</summary>
public class DatabaseMigratorTests
{
    private sealed class ExampleContext(DbContextOptions<ExampleContext> options) : DbContext(options);

    [Fact]
    public void Migrations_run_before_the_hosted_services_registered_earlier()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration["ConnectionStrings:exampledb"] = "Host=127.0.0.1;Database=exampledb";
        // As authentication does inside AddServiceDefaults: the key ring's hosted service, registered first.
        builder.Services.AddDataProtection();

        builder.AddServiceDatabase<ExampleContext>("exampledb");

        var hostedServices = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        Assert.True(hostedServices.Count > 2, "the data protection and scheduled check hosted services should be registered too");
        Assert.Equal(typeof(DatabaseMigrator<ExampleContext>), hostedServices[0].ImplementationType);
    }
}
