using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CareMesh.AppHost.Dashboard;

/// <summary>
/// Who may use the dashboard: whoever shows the login token printed at start gets a session cookie
/// (HttpOnly, SameSite=Strict), and only a live session reaches the page and its APIs.
/// </summary>
public sealed class DashboardAccess(DashboardOptions options)
{
    public const string CookieName = "caremesh-dashboard";

    // Sessions are opened only by someone holding the token; the cap keeps even a looping script from growing the set.
    private const int MaxSessions = 1_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> sessions = new(StringComparer.Ordinal);

    public string Token { get; } = options.BrowserToken ?? Base64Url(RandomNumberGenerator.GetBytes(24));

    /// <summary>A link that signs the browser in at once, as Aspire prints it.</summary>
    public string LoginUrl => $"{options.Url}/login?t={Uri.EscapeDataString(Token)}";

    /// <summary>Opens a session for the right token; false (and no cookie) otherwise.</summary>
    public bool TrySignIn(HttpContext context, string? token)
    {
        if (!IsSame(token, Token))
        {
            return false;
        }

        if (sessions.Count >= MaxSessions)
        {
            sessions.Clear();
        }

        var session = Base64Url(RandomNumberGenerator.GetBytes(32));
        sessions[session] = DateTimeOffset.UtcNow;
        context.Response.Cookies.Append(CookieName, session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        return true;
    }

    public bool IsSignedIn(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var session) && sessions.ContainsKey(session);

    public void SignOut(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var session))
        {
            sessions.TryRemove(session, out _);
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }

    /// <summary>Compares a presented secret in constant time, so timing tells an attacker nothing about it.</summary>
    public static bool IsSame(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
