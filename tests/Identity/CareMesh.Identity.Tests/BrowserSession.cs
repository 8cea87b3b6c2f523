using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CareMesh.Identity.Tests;

/// <summary>
/// A browser, one step at a time: it keeps the provider's cookies, follows nothing by itself, and submits the
/// forms of the pages it is shown with their hidden fields (the antiforgery token among them).
/// </summary>
public sealed class BrowserSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(url);

    /// <summary>Follows the redirect <paramref name="response"/> answers with, as the browser would.</summary>
    public Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect, got {(int)response.StatusCode}");
        return Client.GetAsync(response.Headers.Location!);
    }

    public static async Task<IHtmlDocument> PageAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Submits <paramref name="form"/> with every field it carries (its button's value too, where it has one).</summary>
    public Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, IReadOnlyDictionary<string, string>? changed = null)
    {
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(input => input.Name is { Length: > 0 } && input.Type is not ("submit" or "button"))
            .Select(input => KeyValuePair.Create(input.Name!, changed?.GetValueOrDefault(input.Name!) ?? input.Value))
            .ToList();
        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : "";
        return Client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Client.Dispose();
}
