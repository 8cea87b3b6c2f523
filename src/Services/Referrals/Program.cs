using CareMesh.Messaging;
using CareMesh.Referrals;
using CareMesh.Referrals.Allocation;
using CareMesh.Referrals.Caseload;
using CareMesh.Referrals.Contacts;
using CareMesh.Referrals.Escalations;
using CareMesh.Referrals.Intake;
using CareMesh.Referrals.Onward;
using CareMesh.Referrals.Outcome;
using CareMesh.Referrals.Reports;
using CareMesh.Referrals.Settings;
using CareMesh.Referrals.Workflow;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingEndpoints().RequireAuthorization(CareMeshPolicies.Operations);
app.MapTeamApi();
var referrals = app.MapReferralsApi();
referrals.MapWorkflowApi();
referrals.MapAllocationApi();
referrals.MapContactsApi();
referrals.MapEscalationsApi();
referrals.MapOnwardFromReferralApi();
referrals.MapOutcomeLetterApi();
referrals.MapSettingsApi();
app.MapCaseloadApi();
app.MapOnwardReferralsApi();
app.MapReportsApi();
app.MapAuditLookup("/api/referrals", "Referrals");

app.Run();

// Integration tests start this service through WebApplicationFactory<Program>.
public partial class Program;
