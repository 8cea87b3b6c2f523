using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Dashboard;
using CareMesh.AppHost.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// The app host is a developer's tool: it runs itself, and so every service, in Development unless
// ASPNETCORE_ENVIRONMENT, DOTNET_ENVIRONMENT or --environment says otherwise (later ones win).
var environmentName = new ConfigurationBuilder()
    .AddEnvironmentVariables("ASPNETCORE_")
    .AddEnvironmentVariables("DOTNET_")
    .AddCommandLine(args)
    .Build()[HostDefaults.EnvironmentKey] ?? Environments.Development;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    EnvironmentName = environmentName,
    // appsettings.json sits beside the assembly, wherever the app host is started from.
    ContentRootPath = AppContext.BaseDirectory,
});

if (args.Length > 0 && QueueCommands.Names.Contains(args[0]))
{
    return await QueueCommands.RunAsync(args, builder.Configuration, Console.Out);
}

if (args is [TokenCommand.Name, ..])
{
    var options = AppHostOptions.FromConfiguration(builder.Configuration, builder.Environment.EnvironmentName);
    return TokenCommand.Run(args, options, Console.Out, Console.Error);
}

builder.AddCareMeshAppHost();
var app = builder.Build();
app.MapDashboard();
await app.RunAsync();
return 0;
