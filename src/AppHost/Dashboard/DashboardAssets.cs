using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace CareMesh.AppHost.Dashboard;

/// <summary>The page, scripts and styles, embedded in the app host (Dashboard/wwwroot), served with an ETag.</summary>
public sealed class DashboardAssets
{
    private const string Prefix = "wwwroot/";
    private const string LoginFailedMarker = "<!--login-failed-->";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    private readonly Dictionary<string, Asset> assets = new(StringComparer.Ordinal);

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            assets[name[Prefix.Length..].Replace('\\', '/')] = new Asset(
                content, ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream"), $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }
    }

    /// <summary>The asset at <paramref name="path"/> (relative to wwwroot), 304 when the browser has it, 404 when there is none.</summary>
    public IResult Serve(HttpContext context, string path)
    {
        if (!assets.TryGetValue(path, out var asset))
        {
            return TypedResults.NotFound();
        }

        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        context.Response.Headers.ETag = asset.ETag;
        // Revalidated each time (the ETag makes that cheap), unless the response already forbids storing.
        if (string.IsNullOrEmpty(context.Response.Headers.CacheControl))
        {
            context.Response.Headers.CacheControl = "no-cache";
        }
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    /// <summary>The login form; after a wrong token, with a note saying so and status 401.</summary>
    public IResult LoginPage(bool failed)
    {
        var page = System.Text.Encoding.UTF8.GetString(assets["login.html"].Content);
        return TypedResults.Content(
            page.Replace(LoginFailedMarker, failed ? """<p class="error" role="alert">That is not this run's token. Copy it from the app host's output.</p>""" : ""),
            "text/html; charset=utf-8",
            statusCode: failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
