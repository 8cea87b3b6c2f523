using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Optimistic concurrency over HTTP: a record's version goes out as its <c>ETag</c>, and a change
/// sent with <c>If-Match</c> naming another version is refused with 412 (someone changed it meanwhile).
/// No <c>If-Match</c> means "whatever the version".
/// </summary>
public static class Versions
{
    /// <summary>The ETag of <paramref name="version"/>, as it is sent and compared: <c>"3"</c>.</summary>
    public static string ETagOf(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>False when the request's <c>If-Match</c> names neither <paramref name="version"/> nor <c>*</c>.</summary>
    public static bool IfMatchAllows(this HttpRequest request, int version)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        return string.IsNullOrEmpty(ifMatch) || ifMatch == "*" ||
               ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                   .Any(tag => (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == ETagOf(version));
    }

    /// <summary>Tags the response with the version it describes, so the caller can send it back in <c>If-Match</c>.</summary>
    public static void TagVersion(this HttpResponse response, int version) => response.Headers.ETag = ETagOf(version);
}
