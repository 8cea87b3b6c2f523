using Microsoft.Extensions.Caching.Memory;

namespace CareMesh.Web.Gateway;

/// <summary>
/// The PCN's referral settings from the Referrals service (<c>GET /api/referrals/settings</c>): the lists its
/// requests are checked against, so the forms offer exactly those and the workspace keeps no copy to fall out
/// of step. Kept for a few minutes: they change with the service's configuration, not per user.
/// </summary>
public sealed class ReferralSettings(GatewayClient gateway, IMemoryCache kept)
{
    private const string Key = "referral-settings";
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    /// <summary>The settings; empty lists while the service cannot be reached (a form then posts and shows the service's own answer).</summary>
    public async Task<ReferralSettingsView> GetAsync(CancellationToken cancellationToken = default)
    {
        if (kept.TryGetValue(Key, out ReferralSettingsView? settings) && settings is not null)
        {
            return settings;
        }

        var answer = await gateway.GetAsync<ReferralSettingsView>("/api/referrals/settings", cancellationToken);
        if (!answer.Ok)
        {
            return ReferralSettingsView.Unavailable;
        }

        return kept.Set(Key, answer.Value!, KeptFor);
    }
}

/// <summary>What the workspace's forms use of the referral settings.</summary>
public sealed record ReferralSettingsView(IReadOnlyList<string> Needs, IReadOnlyList<string> DeclineReasons)
{
    public static readonly ReferralSettingsView Unavailable = new([], []);
}
