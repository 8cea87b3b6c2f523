using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace CareMesh.AppHost.Operations;

/// <summary>
/// <c>token --role &lt;role&gt; --org &lt;id&gt; [--name "..."] [--minutes N]</c>: prints a bearer token signed
/// with the development key, for trying CareMesh as any role. Development only.
/// </summary>
internal static class TokenCommand
{
    public const string Name = "token";

    public static int Run(string[] args, CareMeshSettings options, TextWriter output, TextWriter errors)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        if (options.DevelopmentKeyFile is not { } keyFile)
        {
            errors.WriteLine($"error: tokens are minted only in Development (this is {options.EnvironmentName}); elsewhere the identity provider issues them.");
            return 1;
        }

        if (!values.TryGetValue("role", out var role) || !CareMeshRoles.All.Contains(role) || !values.TryGetValue("org", out var organisation))
        {
            errors.WriteLine($"usage: ./caremesh token --role <{string.Join("|", CareMeshRoles.All.Order())}> --org <ODS code or organisation id> [--name \"...\"] [--minutes N]");
            return 2;
        }

        var minutes = values.TryGetValue("minutes", out var given) && int.TryParse(given, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : 60;
        var name = values.GetValueOrDefault("name") ?? $"Development {role}";
        var key = DevelopmentSigningKey.LoadOrCreate(keyFile);
        output.WriteLine(DevelopmentSigningKey.Mint(key, role, organisation, $"dev-{role}-{organisation}", name, TimeSpan.FromMinutes(minutes)));
        return 0;
    }
}
