namespace CareMesh.Web.Gateway;

/// <summary>
/// Documents a service renders about people (a care plan's GP copy, a meeting's papers), read with the user's token on
/// the server and passed on to the browser: the browser never holds a token, so it cannot ask the service itself.
/// </summary>
internal static class RenderedDocuments
{
    /// <summary>An HTML document carries its own styles and nothing else, should the service not say so itself.</summary>
    private const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The service's document at <paramref name="path"/>, as a download named <paramref name="fileName"/> when given, else shown inline.</summary>
    public static async Task<IResult> PassOnAsync(string path, string? fileName, HttpContext context, GatewayClient gateway)
    {
        var document = await gateway.DownloadAsync(path, context.RequestAborted);
        if (!document.Ok)
        {
            // The status page says it (not found, no access) as for any other page.
            return TypedResults.StatusCode(document.Problem!.Status);
        }

        var sent = document.Value!;
        context.Response.Headers.ContentSecurityPolicy = sent.ContentSecurityPolicy ?? DocumentPolicy;
        // About a person: never kept by the browser or a proxy.
        context.Response.Headers.CacheControl = "no-store";
        return fileName is null
            ? TypedResults.File(sent.Content, sent.ContentType)
            : TypedResults.File(sent.Content, sent.ContentType, fileName);
    }
}
