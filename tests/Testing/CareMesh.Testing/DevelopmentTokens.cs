using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Testing;

/// <summary>
/// Tokens from an identity provider's development grant at <paramref name="tokenEndpoint"/>, one per role and
/// organisation (user <c>user-&lt;role&gt;</c>, name <c>Test &lt;role&gt;</c>), asked for once and reused: each lasts
/// the grant's longest lifetime, longer than any test run.
/// </summary>
public sealed class DevelopmentTokens(Uri tokenEndpoint)
{
    private readonly ConcurrentDictionary<(string Role, string Organisation), Lazy<string>> _tokens = new();

    public string For(string role, string organisation) =>
        _tokens.GetOrAdd((role, organisation), key => new Lazy<string>(
            // Off the test framework's synchronisation context: the request's continuations must not wait for the thread blocked here.
            () => Task.Run(() => RequestAsync(key.Role, key.Organisation)).GetAwaiter().GetResult())).Value;

    private async Task<string> RequestAsync(string role, string organisation)
    {
        using var http = new HttpClient();
        return await DevelopmentGrant.RequestTokenAsync(
            http, tokenEndpoint, role, organisation, name: $"Test {role}", userId: $"user-{role}", lifetime: DevelopmentGrant.MaxLifetime);
    }
}
