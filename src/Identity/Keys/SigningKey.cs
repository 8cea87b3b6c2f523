namespace CareMesh.Identity.Keys;

/// <summary>One of the provider's RSA keys, its private half encrypted with Data Protection.</summary>
public sealed class SigningKey
{
    public required string Id { get; init; }

    public required KeyPurpose Purpose { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>From when it signs (or encrypts); before that a signing key is only published.</summary>
    public DateTimeOffset ActiveFrom { get; init; }

    /// <summary>When its successor takes over.</summary>
    public DateTimeOffset ActiveUntil { get; init; }

    /// <summary>When it leaves the key set (after every token it signed has expired).</summary>
    public DateTimeOffset PublishedUntil { get; init; }

    /// <summary>The PKCS#8 private key, protected by Data Protection (purpose <see cref="SigningKeyRing.ProtectorPurpose"/>).</summary>
    public required string ProtectedKey { get; init; }
}

public enum KeyPurpose
{
    /// <summary>Signs tokens; published in the JWKS.</summary>
    Signing,

    /// <summary>Encrypts what only the provider reads back (authorization codes, refresh tokens).</summary>
    Encryption,
}
