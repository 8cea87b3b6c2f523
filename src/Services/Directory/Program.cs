using CareMesh.Messaging;
using CareMesh.Directory;
using CareMesh.Directory.OpenReferral;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingEndpoints().RequireAuthorization(CareMeshPolicies.Operations);
app.MapOpenReferralApi();
app.MapDirectoryApi();

app.Run();

// Integration tests start this service through WebApplicationFactory<Program>.
public partial class Program;
