using CareMesh.AppHost;
using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Console;
using CareMesh.AppHost.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The app host is a developer's tool: it runs itself, and so every service, in Development unless
// DOTNET_ENVIRONMENT, ASPNETCORE_ENVIRONMENT or --environment says otherwise.
var hostDefaults = new ConfigurationManager();
hostDefaults.AddInMemoryCollection([new(HostDefaults.EnvironmentKey, Environments.Development)]);
hostDefaults.AddEnvironmentVariables("ASPNETCORE_");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    Configuration = hostDefaults,
    // appsettings.json sits beside the assembly, wherever the app host is started from.
    ContentRootPath = AppContext.BaseDirectory,
});

if (args.Length > 0 && QueueCommands.Names.Contains(args[0]))
{
    return await QueueCommands.RunAsync(args, builder.Configuration, Console.Out);
}

var options = AppHostOptions.FromConfiguration(builder.Configuration, builder.Environment.EnvironmentName);
if (args is [TokenCommand.Name, ..])
{
    return TokenCommand.Run(args, options, Console.Out, Console.Error);
}

builder.Services.AddSingleton(_ => CareMeshApp.Create(options));
builder.Services.AddSingleton(services => new ConsoleReporter(services.GetRequiredService<CareMeshApp>(), Console.Out));
builder.Services.AddHostedService<AppHostWorker>();
// Room for the gateway, then the services, each to stop within StopTimeout.
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.StopTimeout * 3);

await builder.Build().RunAsync();
return 0;
