using Microsoft.AspNetCore.Authentication;

namespace CareMesh.Web.SignIn;

/// <summary>
/// Every call to a service carries the signed-in user's own access token (kept server-side, refreshed by
/// <see cref="SessionCheck"/> before the page runs), so the services check the user, not the web app.
/// </summary>
internal sealed class UserAccessToken(IHttpContextAccessor http) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = http.HttpContext
                      ?? throw new InvalidOperationException("Services are called while serving a signed-in user's request (pages render on the server).");
        if (await context.GetTokenAsync("access_token") is { } token)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        // A retry of a write (the resilience handler's) must not act twice: the services replay a keyed answer.
        if (request.Method != HttpMethod.Get && !request.Headers.Contains("Idempotency-Key"))
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
