using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <see cref="TextPolicy"/> for query strings, which no JSON converter sees: a parameter holding a
/// refused character (a NUL from <c>%00</c>, an escape sequence, a bidi override) is a 400 problem
/// naming it, before any endpoint can pass it to the database; accepted values arrive normalised.
/// </summary>
public static class QueryTextPolicy
{
    public static async Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.QueryString.HasValue)
        {
            await next(context);
            return;
        }

        Dictionary<string, string[]>? errors = null;
        Dictionary<string, StringValues>? normalised = null;
        foreach (var (name, values) in context.Request.Query)
        {
            if ((TextPolicy.Refusal(name) ?? values.Select(v => v is null ? null : TextPolicy.Refusal(v)).FirstOrDefault(r => r is not null)) is { } refusal)
            {
                // A refused name is reported under a safe stand-in, so the answer does not echo it.
                (errors ??= [])[TextPolicy.Refusal(name) is null ? name : "query"] = [refusal];
                continue;
            }

            var clean = new StringValues([.. values.Select(v => v is null ? null : TextPolicy.Normalise(v))]);
            (normalised ??= new(StringComparer.OrdinalIgnoreCase))[TextPolicy.Normalise(name)] = clean;
        }

        if (errors is not null)
        {
            await TypedResults.ValidationProblem(errors, title: "The query string is not valid.").ExecuteAsync(context);
            return;
        }

        context.Request.Query = new QueryCollection(normalised!);
        await next(context);
    }
}
