using CareMesh.Meetings;
using CareMesh.Meetings.Actions;
using CareMesh.Meetings.Agenda;
using CareMesh.Meetings.Attendance;
using CareMesh.Meetings.Calendar;
using CareMesh.Meetings.Minutes;
using CareMesh.Meetings.Papers;
using CareMesh.Meetings.Programme;
using CareMesh.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingEndpoints().RequireAuthorization(CareMeshPolicies.Operations);
app.MapMeetingSeriesApi();
var meetings = app.MapMeetingsApi();
meetings.MapAgendaApi();
meetings.MapPapersApi();
meetings.MapAttendanceApi();
meetings.MapMinutesApi();
meetings.MapMeetingActionsApi();
meetings.MapMeetingCalendarApi();
meetings.MapChairApi();
app.MapActionsApi();
app.MapCalendarFeed();
app.MapAuditLookup("/api/meetings", "MDT meetings");

app.Run();

// Integration tests start this service through WebApplicationFactory<Program>.
public partial class Program;
