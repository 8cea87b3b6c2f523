using CareMesh.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapWorkspace();

app.Run();

// bUnit and integration tests reach the app's types through Program.
public partial class Program;
