namespace CareMesh.Identity;

/// <summary><c>Identity</c>: the provider's public address, token lifetimes, signing keys and clients.</summary>
public sealed class ProviderOptions
{
    public const string Section = "Identity";

    /// <summary>The public address tokens name as issuer, through the gateway (<c>http://localhost:5080/identity/</c>); none: the address a request came to.</summary>
    public Uri? Issuer { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long a refresh token already used may be presented again (a client retrying after a lost answer) before
    /// it counts as reuse, which revokes every token of that sign-in.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(30);

    public SigningKeyOptions Keys { get; set; } = new();

    public ClientOptions Clients { get; set; } = new();

    /// <summary>The path the provider is served under behind the gateway: the issuer's path (<c>/identity</c>), none at the root.</summary>
    public string PathBase => Issuer?.AbsolutePath.TrimEnd('/') ?? "";
}

/// <summary><c>Identity:Keys</c>: how often the signing key changes and how long the others stay published.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>How long one key signs before its successor takes over.</summary>
    public TimeSpan RotateEvery { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A successor is published this long before it signs, so every validator's cached key set has it first.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A retired key stays published this long: longer than any token it signed lives.</summary>
    public TimeSpan PublishRetiredFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each replica looks for a key to add or retire and reloads the set.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary><c>Identity:Clients</c>: the web workspace and the systems that call with client credentials.</summary>
public sealed class ClientOptions
{
    public WebClientOptions Web { get; set; } = new();

    /// <summary><c>Identity:Clients:Systems:&lt;client id&gt;</c>: integrations (a council's importer, a GP-system connector).</summary>
    public Dictionary<string, SystemClientOptions> Systems { get; set; } = new(StringComparer.Ordinal);
}

public sealed class WebClientOptions
{
    public const string ClientId = "caremesh-web";

    /// <summary>The workspace's client secret; without one the workspace is not registered.</summary>
    public string? Secret { get; set; }

    /// <summary>Where the workspace is served: its redirect URIs are <c>signin-oidc</c> and <c>signout-callback-oidc</c> under it.</summary>
    public Uri BaseAddress { get; set; } = new("http://localhost:5080/");
}

public sealed class SystemClientOptions
{
    public string? Secret { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>The scopes it may ask for (each registered with the provider).</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>The CareMesh role its tokens carry, if any: without one, every service endpoint refuses it (403).</summary>
    public string? Role { get; set; }

    /// <summary>The organisation its tokens carry (an ODS code or a directory organisation id), if any.</summary>
    public string? Organisation { get; set; }
}
