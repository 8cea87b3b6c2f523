using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace CareMesh.Identity.Accounts;

/// <summary>The provider's HTML pages: one layout, forms that carry the antiforgery token, and nothing loaded from elsewhere.</summary>
internal static class Pages
{
    /// <summary>Pages carry their own styles, an enrolment QR code as a data: image, and post forms to the provider; nothing else is allowed.</summary>
    public const string SecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>A form posting to <paramref name="path"/> (under the path base), with the antiforgery token and the given hidden fields.</summary>
    public static string Form(HttpContext http, IAntiforgery antiforgery, string path, string fields, params (string Name, string? Value)[] hidden)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var form = new StringBuilder($"""<form method="post" action="{Encode(http.Request.PathBase + path)}">""");
        form.Append($"""<input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken)}">""");
        foreach (var (name, value) in hidden)
        {
            form.Append($"""<input type="hidden" name="{Encode(name)}" value="{Encode(value)}">""");
        }

        return form.Append(fields).Append("</form>").ToString();
    }

    /// <summary>A labelled input; <paramref name="error"/> shown above it when the last attempt was refused.</summary>
    public static string Field(string name, string label, string type, string autocomplete, string? error = null, string? hint = null, bool numeric = false) =>
        $"""
        <div class="field"><label for="{name}">{Encode(label)}</label>{(hint is null ? "" : $"<span class=\"hint\">{Encode(hint)}</span>")}
        {(error is null ? "" : $"<p class=\"error\" id=\"{name}-error\">{Encode(error)}</p>")}
        <input id="{name}" name="{name}" type="{type}" autocomplete="{autocomplete}"{(numeric ? " inputmode=\"numeric\"" : "")}{(error is null ? "" : $" aria-describedby=\"{name}-error\"")}></div>
        """;

    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        new PageResult($$"""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Encode(title)}} - CareMesh</title>
            <style>
              body { margin: 0; font-family: Arial, sans-serif; color: #212b32; background: #f0f4f5; }
              header { background: #005eb8; color: #fff; padding: 16px 24px; font-size: 1.4rem; font-weight: bold; }
              main { max-width: 640px; margin: 32px auto; background: #fff; padding: 24px 32px; }
              ul.accounts { list-style: none; padding: 0; } ul.accounts li { margin: 12px 0; }
              button, a.button { display: inline-block; background: #007f3b; color: #fff; border: 0; padding: 10px 16px; font-size: 1rem; cursor: pointer; box-shadow: 0 4px 0 #00401e; text-decoration: none; }
              .field { margin: 16px 0; } .field label { display: block; font-weight: bold; } .field input { font-size: 1rem; padding: 6px; width: 100%; max-width: 24em; }
              .hint, span { color: #4c6272; } .error { color: #d5281b; font-weight: bold; }
            </style></head>
            <body><header>CareMesh</header><main><h1>{{Encode(title)}}</h1>{{body}}</main></body></html>
            """, status);

    private sealed class PageResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.ContentSecurityPolicy = SecurityPolicy;
            // Pages hold one-time state (forms, enrolment keys): never from a cache.
            http.Response.Headers.CacheControl = "no-store";
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(http);
        }
    }
}
