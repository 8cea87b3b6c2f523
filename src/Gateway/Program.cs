using CareMesh.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGateway();

app.Run();

// Integration tests start the gateway through WebApplicationFactory<Program>.
public partial class Program;
