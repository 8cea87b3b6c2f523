using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CareMesh.Testing;

/// <summary>Tokens that must be refused, each wrong in exactly one way, next to a valid one.</summary>
public static class TestTokens
{
    public static string Mint(RsaSecurityKey key, string role, string organisation = "Y00001", string audience = "caremesh",
        DateTime? issuedAt = null, string issuer = CareMeshAuthenticationOptions.DevelopmentIssuer) =>
        DevelopmentSigningKey.Mint(key, role, organisation, $"user-{role}", $"Test {role}", TimeSpan.FromHours(1), audience, issuedAt, issuer);

    /// <summary>Each kind of bad token, by name, for a user who would otherwise be allowed (an admin).</summary>
    public static IReadOnlyDictionary<string, string> Refused()
    {
        var key = TestServers.SigningKey;
        var valid = Mint(key, CareMeshRoles.Admin);
        var parts = valid.Split('.');
        using var otherRsa = System.Security.Cryptography.RSA.Create(2048);
        return new Dictionary<string, string>
        {
            ["expired"] = Mint(key, CareMeshRoles.Admin, issuedAt: DateTime.UtcNow.AddHours(-3)),
            ["wrong audience"] = Mint(key, CareMeshRoles.Admin, audience: "someone-else"),
            ["wrong issuer"] = Mint(key, CareMeshRoles.Admin, issuer: "https://impostor.example"),
            ["tampered signature"] = $"{parts[0]}.{parts[1]}.{Flip(parts[2])}",
            ["tampered payload"] = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(Base64UrlEncoder.Decode(parts[1]).Replace("admin", "ops  ")))}.{parts[2]}",
            ["alg none"] = $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.",
            ["signed by another key"] = Mint(new RsaSecurityKey(otherRsa.ExportParameters(true)) { KeyId = "other" }, CareMeshRoles.Admin),
            ["not a token"] = "hello",
        };
    }

    private static string Flip(string signature) =>
        (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
}
