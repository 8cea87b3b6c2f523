using CareMesh.AppHost;
using CareMesh.AppHost.Operations;

// Operations' commands run without starting anything (./caremesh token | queues | requeue).
if (args is [var command, ..] && OperationsCommands.Names.Contains(command))
{
    return await OperationsCommands.RunAsync(args);
}

DashboardDefaults.Apply();
var builder = DistributedApplication.CreateBuilder(args);
builder.AddCareMesh();
await builder.Build().RunAsync();
return 0;
