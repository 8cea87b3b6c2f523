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

    /// <summary>Proxies in front of the gateway whose X-Forwarded-* may be believed. None by default: every caller is untrusted.</summary>
    public string[] TrustedProxies { get; set; } = [];

    public sealed class RateLimit
    {
        public int PermitLimit { get; set; }
        public TimeSpan Window { get; set; }
    }
}

/// <summary>The rate limiter policies routes name.</summary>
public static class RateLimitPolicies
{
    public const string PerUser = "per-user";
    public const string PerAddress = "per-address";
}
