using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Where a process finds the identity provider's metadata and keys: <c>Authentication:Authority</c> (required in
/// every environment), or <c>Authentication:MetadataAddress</c> when the process reaches the provider elsewhere
/// than at its public address. Plain HTTP only in Development or on a loopback address.
/// </summary>
internal sealed record ProviderMetadata(Uri Authority, Uri Address, bool RequireHttps)
{
    private const string DiscoveryPath = ".well-known/openid-configuration";

    public static ProviderMetadata From(CareMeshAuthenticationOptions options, bool development)
    {
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            throw new InvalidOperationException(
                "Authentication:Authority is required: the address of the OpenID Connect provider whose tokens this process accepts " +
                "(the app host sets it to the Identity service behind the gateway, http://localhost:5080/identity/).");
        }

        var authority = Absolute(options.Authority, "Authority");
        if (!authority.AbsolutePath.EndsWith('/'))
        {
            authority = new Uri(authority.AbsoluteUri + "/");
        }

        var address = string.IsNullOrWhiteSpace(options.MetadataAddress)
            ? new Uri(authority, DiscoveryPath)
            : Absolute(options.MetadataAddress, "MetadataAddress");
        var requireHttps = !development && !address.IsLoopback;
        if (requireHttps && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException(
                $"The identity provider's metadata ({address}) must be fetched over HTTPS outside Development, unless it is on a loopback address.");
        }

        return new ProviderMetadata(authority, address, requireHttps);
    }

    /// <summary>
    /// Fetches what the metadata names under the public <see cref="Authority"/> (the key set) from where the
    /// metadata itself came: the Identity service publishes its keys at the public issuer, behind the gateway,
    /// and a service reaching it directly need not go round through the gateway for them.
    /// </summary>
    public void UseDocumentsFromMetadataAddress(JwtBearerOptions jwt)
    {
        if (Address.AbsoluteUri == new Uri(Authority, DiscoveryPath).AbsoluteUri
            || !Address.AbsolutePath.EndsWith("/" + DiscoveryPath, StringComparison.Ordinal))
        {
            return;
        }

        var reachedAt = new Uri(Address.AbsoluteUri[..^DiscoveryPath.Length]);
        var documents = new ProviderDocuments(new HttpDocumentRetriever(jwt.Backchannel) { RequireHttps = RequireHttps }, Authority, reachedAt);
        jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(Address.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), documents)
        {
            RefreshInterval = jwt.RefreshInterval,
            AutomaticRefreshInterval = jwt.AutomaticRefreshInterval,
        };
    }

    private static Uri Absolute(string value, string setting) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"Authentication:{setting} must be an absolute http(s) address, not '{value}'.");
}

/// <summary>Documents named under the provider's public address, fetched from the address this process reaches it at.</summary>
internal sealed class ProviderDocuments(IDocumentRetriever inner, Uri publicAddress, Uri reachedAt) : IDocumentRetriever
{
    public Task<string> GetDocumentAsync(string address, CancellationToken cancel) => inner.GetDocumentAsync(Map(address), cancel);

    public string Map(string address) =>
        address.StartsWith(publicAddress.AbsoluteUri, StringComparison.Ordinal)
            ? reachedAt.AbsoluteUri + address[publicAddress.AbsoluteUri.Length..]
            : address;
}
