using CareMesh.Messaging;
using CareMesh.CarePlans;
using CareMesh.CarePlans.Patients;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingEndpoints().RequireAuthorization(CareMeshPolicies.Operations);
app.MapCarePlansApi();

app.Run();

// Integration tests start this service through WebApplicationFactory<Program>.
public partial class Program;
