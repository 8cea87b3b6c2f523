using System.Net;

namespace CareMesh.Gateway;

/// <summary>
/// Who is calling an open route, for its rate limit: a registered consumer (a valid CareMesh token, e.g.
/// a council's client credentials, counted per client; or an address in a registered network, counted
/// per address) gets the registered limit; everyone else is anonymous, limited per address.
/// </summary>
public sealed class OpenRouteConsumers(GatewayOptions options)
{
    private readonly IPNetwork[] _registered = [.. options.RegisteredConsumers.Networks.Select(ParseNetwork)];

    public (string Key, GatewayOptions.RateLimit Limit) Classify(HttpContext context)
    {
        // Authentication has run: only a token the gateway validated gives a user here.
        if ((context.User.UserId() ?? context.User.FindFirst("client_id")?.Value) is { } client)
        {
            return ($"client:{client}", options.RegisteredConsumers);
        }

        var address = context.Connection.RemoteIpAddress;
        if (address is not null && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var key = address?.ToString() ?? "unknown";
        return address is not null && _registered.Any(network => network.Contains(address))
            ? ($"registered:{key}", options.RegisteredConsumers)
            : ($"anonymous:{key}", options.PerAddress);
    }

    private static IPNetwork ParseNetwork(string text) =>
        text.Contains('/') ? IPNetwork.Parse(text) : new IPNetwork(IPAddress.Parse(text), IPAddress.Parse(text).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
}
