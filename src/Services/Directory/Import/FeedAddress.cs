using System.Net;
using System.Net.Sockets;

namespace CareMesh.Directory.Import;

/// <summary>Where another directory's feed may be read from: http or https, and not the PCN's own network unless allowed.</summary>
public static class FeedAddress
{
    /// <summary>The feed's base address (<c>https://other.example/oruk</c>), or why it is not one.</summary>
    public static Uri? Parse(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "The address of the feed is required (its base, such as https://other.example/oruk).";
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"'{text}' is not an absolute http or https address.";
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            problem = "The address must not carry a user name or password.";
            return null;
        }

        // The base is a folder: relative paths ("services?page=1") resolve beneath it.
        var builder = new UriBuilder(uri) { Query = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }

    /// <summary>Why the host may not be read from, if every address it resolves to is loopback, private or otherwise not public.</summary>
    public static async Task<string?> RefusalAsync(Uri feed, bool allowPrivate, CancellationToken cancellationToken)
    {
        if (allowPrivate)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await AddressesOfAsync(feed.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            // Not ours to judge: reading it fails, and says so, as for any unreachable feed.
            return null;
        }

        return addresses.Length > 0 && addresses.All(IsPrivate)
            ? $"{feed.Host} is a loopback or private address; imports read only public feeds."
            : null;
    }

    /// <summary>
    /// The addresses a host stands for: a literal address is itself (the resolver refuses unspecified
    /// ones such as 0.0.0.0 and [::] outright, which the guard must judge rather than crash on).
    /// </summary>
    private static async Task<IPAddress[]> AddressesOfAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, unspecified or multicast.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 or >= 224
               || (b[0] == 172 && b[1] is >= 16 and <= 31)
               || (b[0] == 192 && b[1] == 168)
               || (b[0] == 169 && b[1] == 254)
               || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    /// <summary>
    /// Connects only to addresses that pass the guard, checked at connection time, so neither a redirect
    /// nor a name that resolves differently the second time (DNS rebinding) reaches a private address.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = await AddressesOfAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} is a loopback or private address; imports read only public feeds.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
