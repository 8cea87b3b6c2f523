using CareMesh.Messaging;
using CareMesh.Referrals;
using CareMesh.Referrals.Intake;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingEndpoints().RequireAuthorization(CareMeshPolicies.Operations);
app.MapReferralsApi();
app.MapAuditLookup("/api/referrals", "Referrals");

app.Run();

// Integration tests start this service through WebApplicationFactory<Program>.
public partial class Program;
