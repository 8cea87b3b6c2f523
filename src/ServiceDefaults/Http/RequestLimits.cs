using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>RequestLimits</c>: how long a request's target and headers may be. Kestrel refuses what is over
/// its own limits with an empty 414 or 431 that no application code can give a body (a known Kestrel
/// limitation), so Kestrel's limits are set to a ceiling <see cref="KestrelCeilingFactor"/> times these,
/// and these are enforced in the pipeline, where the refusal is problem details like any other.
/// Only a request past the ceiling still gets Kestrel's bare answer.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";
    public const int KestrelCeilingFactor = 8;

    /// <summary>Longest path and query string, in characters (Kestrel's default request line is 8 KiB).</summary>
    public int MaxRequestTargetLength { get; set; } = 8 * 1024;

    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Headers' total size: names, values and the separators between them.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;
}

public static class RequestLimits
{
    public static void AddRequestLimits(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<RequestLimitsOptions>().BindSettings(RequestLimitsOptions.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            var ceiling = RequestLimitsOptions.KestrelCeilingFactor;
            kestrel.Limits.MaxRequestLineSize = limits.Value.MaxRequestTargetLength * ceiling;
            kestrel.Limits.MaxRequestHeaderCount = limits.Value.MaxRequestHeaderCount * ceiling;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxRequestHeadersTotalSize * ceiling;
            kestrel.Limits.MaxRequestBufferSize = Math.Max(kestrel.Limits.MaxRequestBufferSize ?? 0,
                (long)kestrel.Limits.MaxRequestLineSize + kestrel.Limits.MaxRequestHeadersTotalSize);
        });
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.Value?.Length + request.QueryString.Value?.Length > limits.MaxRequestTargetLength)
            {
                await RefuseAsync(context, StatusCodes.Status414UriTooLong, "The address is too long.",
                    $"The path and query string may be at most {limits.MaxRequestTargetLength} characters.");
                return;
            }

            if (request.Headers.Count > limits.MaxRequestHeaderCount || HeadersSize(request.Headers) > limits.MaxRequestHeadersTotalSize)
            {
                await RefuseAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request's headers are too large.",
                    $"A request may carry at most {limits.MaxRequestHeaderCount} headers of {limits.MaxRequestHeadersTotalSize} bytes in all.");
                return;
            }

            await next(context);
        });
    }

    private static long HeadersSize(IHeaderDictionary headers)
    {
        long size = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                size += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return size;
    }

    private static Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        // The request is not read further; the connection is not worth keeping for a client this far off.
        context.Response.Headers.Connection = "close";
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
