using CareMesh.CarePlans;
using CareMesh.CarePlans.Actions;
using CareMesh.CarePlans.Goals;
using CareMesh.CarePlans.Patients;
using CareMesh.CarePlans.Measures;
using CareMesh.CarePlans.Plans;
using CareMesh.CarePlans.Reviews;
using CareMesh.CarePlans.Versions;
using CareMesh.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingEndpoints().RequireAuthorization(CareMeshPolicies.Operations);
var plans = app.MapPlansApi();
plans.MapPatientsApi();
plans.MapGoalsApi();
plans.MapPlanActionsApi();
plans.MapVersionsApi();
plans.MapReviewsApi();
plans.MapMeasuresApi();
app.MapAuditLookup("/api/care-plans", "Care plans");

app.Run();

// Integration tests start this service through WebApplicationFactory<Program>.
public partial class Program;
