using CareMesh.Messaging;
using CareMesh.Meetings;
using CareMesh.Meetings.Programme;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingEndpoints().RequireAuthorization(CareMeshPolicies.Operations);
app.MapMeetingsApi();

app.Run();

// Integration tests start this service through WebApplicationFactory<Program>.
public partial class Program;
