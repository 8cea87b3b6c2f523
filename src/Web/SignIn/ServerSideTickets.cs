using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;

namespace CareMesh.Web.SignIn;

/// <summary>
/// Keeps each sign-in (claims and tokens) on the server: the browser's cookie carries only a random key to it,
/// so no access or refresh token ever reaches the browser, even encrypted. The cache is in memory by default;
/// several replicas register a shared <see cref="IDistributedCache"/>.
/// </summary>
internal sealed class ServerSideTickets(IDistributedCache cache, TimeProvider clock) : ITicketStore
{
    private const string Prefix = "caremesh-web-ticket:";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        cache.SetAsync(Prefix + key, TicketSerializer.Default.Serialize(ticket), new DistributedCacheEntryOptions
        {
            AbsoluteExpiration = ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().AddHours(1),
        });

    public async Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        await cache.GetAsync(Prefix + key) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;

    public Task RemoveAsync(string key) => cache.RemoveAsync(Prefix + key);
}

/// <summary>Points the cookie handler at <see cref="ServerSideTickets"/>.</summary>
internal sealed class UseServerSideTickets(ITicketStore tickets) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options) => options.SessionStore = tickets;
}
