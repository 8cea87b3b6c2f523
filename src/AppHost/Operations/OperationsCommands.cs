using Microsoft.Extensions.Configuration;

namespace CareMesh.AppHost.Operations;

/// <summary>The app host's command-line verbs for operations: a development token, the broker's queues, moving failed messages back.</summary>
internal static class OperationsCommands
{
    public static readonly string[] Names = [TokenCommand.Name, .. QueueCommands.Names];

    public static async Task<int> RunAsync(string[] args)
    {
        // The configuration the app host reads: its appsettings and the environment (ConnectionStrings__*, CareMesh__*).
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var settings = CareMeshSettings.From(configuration);
        return args[0] == TokenCommand.Name
            ? await TokenCommand.RunAsync(args, settings, Console.Out, Console.Error)
            : await QueueCommands.RunAsync(args, settings, Console.Out);
    }
}
