using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CareMesh.Directory.Tests.Import;

/// <summary>
/// Another directory's Open Referral UK feed, served over real HTTP by Kestrel on 127.0.0.1: its service
/// list in pages (as <c>per_page</c> asks) and each service by id.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FeedServer(WebApplication app) => _app = app;

    /// <summary>The services the feed publishes, fully nested; tests change them between imports.</summary>
    public List<JsonObject> Services { get; } = [];

    /// <summary>List items carry only id and name, as from a feed that ignores <c>full=true</c>.</summary>
    public bool ListsSummariesOnly { get; set; }

    /// <summary>Requests the feed answered, in order (path and query).</summary>
    public List<string> Requests { get; } = [];

    /// <summary>The feed's base address.</summary>
    public Uri Feed => new($"{_app.Urls.Single()}/oruk");

    public Uri Root => new(_app.Urls.Single());

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FeedServer(app);
        app.Use((context, next) =>
        {
            lock (server.Requests)
            {
                server.Requests.Add(context.Request.Path + context.Request.QueryString);
            }

            return next(context);
        });
        app.MapGet("/oruk/services", (int? page, [FromQuery(Name = "per_page")] int? perPage) => server.Page(page ?? 1, perPage ?? 50));
        app.MapGet("/oruk/services/{id}", (string id) => server.Services.FirstOrDefault(s => (string?)s["id"] == id) is { } service
            ? Results.Text(service.ToJsonString(), "application/json")
            : Results.NotFound());
        app.MapGet("/not-json/services", () => Results.Text("<html>Maintenance</html>", "text/html"));
        await app.StartAsync();
        return server;
    }

    private IResult Page(int number, int size)
    {
        var total = Services.Count;
        var totalPages = (int)Math.Ceiling(total / (double)size);
        var contents = new JsonArray([.. Services.Skip((number - 1) * size).Take(size)
            .Select(s => ListsSummariesOnly ? new JsonObject { ["id"] = s["id"]!.DeepClone(), ["name"] = s["name"]!.DeepClone(), ["status"] = "active" } : s.DeepClone())]);
        var page = new JsonObject
        {
            ["total_items"] = total,
            ["total_pages"] = totalPages,
            ["page_number"] = number,
            ["size"] = contents.Count,
            ["first_page"] = number == 1,
            ["last_page"] = number >= totalPages,
            ["empty"] = contents.Count == 0,
            ["contents"] = contents,
        };
        return Results.Text(page.ToJsonString(), "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
