namespace CareMesh.Gateway;

/// <summary><c>Gateway</c>: the front door's limits.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Largest request body accepted (413 beyond it).</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    public int MaxRequestHeaderCount { get; set; } = 100;

    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Requests per window for each signed-in user on <c>/api</c>.</summary>
    public RateLimit PerUser { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Requests per window for each client address on the open feed.</summary>
    public RateLimit PerAddress { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Requests per window for each client address on the workspace's routes (pages, their assets, sign-in
    /// callbacks): higher than the feed's, since a practice's staff often share one address and each page
    /// brings its styles and script. The workspace itself requires sign-in; its calls to the APIs count per user.
    /// </summary>
    public RateLimit Workspace { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Requests per window for each client address on the identity provider's pages (<c>/identity/</c>: sign-in,
    /// the authorization endpoint, sign-out): a few per person signing in, so a practice's staff signing in together
    /// fit, while guessing passwords at speed does not (the provider also locks an account after five failures).
    /// </summary>
    public RateLimit SignIn { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Requests per window for each client address on the provider's back channel (<c>connect/token</c>,
    /// <c>userinfo</c>, <c>revoke</c>) and metadata: the workspace's server exchanges and refreshes every user's
    /// tokens from one address, so this is higher than <see cref="SignIn"/>.
    /// </summary>
    public RateLimit IdentityBackChannel { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Consumers of the open routes (the feed above all) who registered with the PCN: a council's crawler,
    /// the standard's validator. They get this limit instead of <see cref="PerAddress"/>, counted per client
    /// when they call with a token (client credentials), or per address when they call from one of <see cref="RegisteredConsumers.Networks"/>.
    /// </summary>
    public RegisteredConsumerLimit RegisteredConsumers { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Proxies in front of the gateway whose X-Forwarded-* may be believed. None by default: every caller is untrusted.</summary>
    public string[] TrustedProxies { get; set; } = [];

    public class RateLimit
    {
        public int PermitLimit { get; set; }
        public TimeSpan Window { get; set; }
    }

    public sealed class RegisteredConsumerLimit : RateLimit
    {
        /// <summary>Registered consumers' networks in CIDR notation (<c>203.0.113.0/24</c>, <c>2001:db8::/48</c>) or single addresses.</summary>
        public string[] Networks { get; set; } = [];
    }
}

/// <summary>The rate limiter policies routes name.</summary>
public static class RateLimitPolicies
{
    public const string PerUser = "per-user";
    public const string PerAddress = "per-address";
    public const string Workspace = "workspace";
    public const string SignIn = "sign-in";
    public const string IdentityBackChannel = "identity-back-channel";
}
