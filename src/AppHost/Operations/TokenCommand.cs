using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace CareMesh.AppHost.Operations;

/// <summary>
/// <c>token --role &lt;role&gt; --org &lt;id&gt; [--name "..."] [--user id] [--minutes N]</c>: asks the running platform's
/// identity provider (through the gateway) for a token by its development grant and prints it, for trying
/// CareMesh as any role with curl. Development only: the provider offers that grant nowhere else.
/// </summary>
internal static class TokenCommand
{
    public const string Name = "token";

    public static async Task<int> RunAsync(string[] args, CareMeshSettings settings, TextWriter output, TextWriter errors)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!settings.IsDevelopment)
        {
            await errors.WriteLineAsync($"error: development tokens exist only in Development (this is {settings.EnvironmentName}); elsewhere people sign in and systems use client credentials.");
            return 1;
        }

        TimeSpan? lifetime = null;
        if (values.TryGetValue("minutes", out var given))
        {
            if (!int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes < 1 || minutes > DevelopmentGrant.MaxLifetime.TotalMinutes)
            {
                await errors.WriteLineAsync($"error: --minutes must be a whole number from 1 to {DevelopmentGrant.MaxLifetime.TotalMinutes}.");
                return 2;
            }

            lifetime = TimeSpan.FromMinutes(minutes);
        }

        if (!values.TryGetValue("role", out var role) || !CareMeshRoles.All.Contains(role) || !values.TryGetValue("org", out var organisation))
        {
            await errors.WriteLineAsync($"usage: ./caremesh token --role <{string.Join("|", CareMeshRoles.All.Order())}> --org <ODS code or organisation id> [--name \"...\"] [--user <id>] [--minutes N]");
            return 2;
        }

        var tokenEndpoint = new Uri(settings.IdentityIssuer, "connect/token");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await output.WriteLineAsync(await DevelopmentGrant.RequestTokenAsync(
                http, tokenEndpoint, role, organisation, values.GetValueOrDefault("name"), values.GetValueOrDefault("user"), lifetime));
            return 0;
        }
        catch (HttpRequestException)
        {
            await errors.WriteLineAsync($"error: nothing answered at {tokenEndpoint}: is the platform running? Start it with ./caremesh up (tokens come from its identity provider).");
            return 1;
        }
        catch (Exception failure) when (failure is InvalidOperationException or System.Text.Json.JsonException or TaskCanceledException)
        {
            // The provider's refusal (its error and description), or something other than the provider answering.
            await errors.WriteLineAsync($"error: no token from {tokenEndpoint}: {failure.Message}");
            return 1;
        }
    }
}
