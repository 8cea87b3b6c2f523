using System.Text.RegularExpressions;

namespace CareMesh.AppHost.Dashboard;

/// <summary>
/// Hides secrets in environment variables shown on the dashboard: the whole value when the name looks
/// secret, else passwords inside connection strings (<c>Password=...</c>) and URLs (<c>user:password@</c>).
/// </summary>
public static partial class SecretMasking
{
    public const string Mask = "••••••";

    private static readonly string[] SecretWords = ["password", "passwd", "pwd", "secret", "token", "key", "credential", "otlp_headers"];

    public static string Value(string name, string value)
    {
        if (SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)))
        {
            return Mask;
        }

        var masked = ConnectionStringPassword().Replace(value, match => $"{match.Groups["key"].Value}={Mask}");
        return UrlPassword().Replace(masked, match => $"{match.Groups["scheme"].Value}{match.Groups["user"].Value}:{Mask}@");
    }

    [GeneratedRegex(@"(?<key>\b(?:password|pwd))\s*=\s*(?:""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*://)(?<user>[^:/@\s]*):[^@/\s]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();
}
