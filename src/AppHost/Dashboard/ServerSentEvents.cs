using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareMesh.AppHost.Dashboard;

/// <summary>A response that stays open and carries named JSON events (<c>text/event-stream</c>) to the page.</summary>
internal sealed class ServerSentEvents
{
    private readonly HttpResponse response;
    private readonly JsonSerializerOptions json;

    private ServerSentEvents(HttpContext context)
    {
        response = context.Response;
        json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
    }

    public static ServerSentEvents Start(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        return new ServerSentEvents(context);
    }

    public async Task SendAsync<T>(string name, T data)
    {
        await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, json)}\n\n", response.HttpContext.RequestAborted);
        await response.Body.FlushAsync(response.HttpContext.RequestAborted);
    }

    /// <summary>A comment line, so proxies and the browser see the stream is alive.</summary>
    public async Task KeepAliveAsync()
    {
        await response.WriteAsync(": keep-alive\n\n", response.HttpContext.RequestAborted);
        await response.Body.FlushAsync(response.HttpContext.RequestAborted);
    }
}
