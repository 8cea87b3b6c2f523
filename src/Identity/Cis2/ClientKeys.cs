using CareMesh.Identity.Keys;
using Microsoft.Extensions.Options;
using OpenIddict.Client;

namespace CareMesh.Identity.Cis2;

/// <summary>
/// The client protects its state tokens (the round trip to CIS2, minutes long) with the provider's own keys, which
/// every replica shares, so CIS2's answer may come back to any replica. The keys current when the options are built.
/// </summary>
internal sealed class ClientKeys(SigningKeyRing ring) : IConfigureOptions<OpenIddictClientOptions>
{
    public void Configure(OpenIddictClientOptions options)
    {
        options.SigningCredentials.AddRange(ring.Keys.AsSigningCredentials());
        options.EncryptionCredentials.AddRange(ring.Keys.AsEncryptingCredentials());
    }
}
