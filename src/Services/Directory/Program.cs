using CareMesh.Messaging;
using CareMesh.Directory;
using CareMesh.Directory.OpenReferral;
using CareMesh.Directory.Postcodes;

if (args is [PostcodeImportCommand.Name, ..])
{
    return await PostcodeImportCommand.RunAsync(args, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingEndpoints().RequireAuthorization(CareMeshPolicies.Operations);
app.MapOpenReferralApi();
app.MapDirectoryApi();

app.Run();
return 0;

// Integration tests start this service through WebApplicationFactory<Program>.
public partial class Program;
