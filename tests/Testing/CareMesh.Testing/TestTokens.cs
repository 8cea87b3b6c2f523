using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareMesh.Testing;

/// <summary>Tokens that must be refused, each wrong in exactly one way, next to a valid one.</summary>
public static class TestTokens
{
    /// <summary>
    /// A token shaped as the provider's (<c>sub</c>, <c>name</c>, <c>selected_roleid</c>, <c>org</c>), signed with
    /// <paramref name="key"/>, naming the test provider as issuer unless told otherwise.
    /// </summary>
    public static string Mint(RsaSecurityKey key, string role, string organisation = "Y00001", string audience = "caremesh",
        DateTime? issuedAt = null, string? issuer = null, TimeSpan? lifetime = null, string? userId = null)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? TestIdentity.Authority.AbsoluteUri,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", userId ?? $"user-{role}"),
                new Claim("name", $"Test {role}"),
                new Claim("selected_roleid", role),
                new Claim("org", organisation),
            ]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// Each kind of bad token, by name, for a user who would otherwise be allowed (an admin): minted with the test
    /// provider's own signing key, so each is wrong in the one way its name says and right in every other.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Refused()
    {
        var key = TestIdentity.SigningKey;
        var valid = Mint(key, CareMeshRoles.Admin);
        var parts = valid.Split('.');
        using var otherRsa = System.Security.Cryptography.RSA.Create(2048);
        return new Dictionary<string, string>
        {
            ["expired"] = Mint(key, CareMeshRoles.Admin, issuedAt: DateTime.UtcNow.AddHours(-3)),
            ["wrong audience"] = Mint(key, CareMeshRoles.Admin, audience: "someone-else"),
            ["wrong issuer"] = Mint(key, CareMeshRoles.Admin, issuer: "https://impostor.example/"),
            ["tampered signature"] = $"{parts[0]}.{parts[1]}.{Flip(parts[2])}",
            ["tampered payload"] = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(Base64UrlEncoder.Decode(parts[1]).Replace("admin", "ops  ")))}.{parts[2]}",
            ["alg none"] = $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.",
            // The provider's key id, another key's signature: refused for the signature, not for an unknown key.
            ["signed by another key"] = Mint(new RsaSecurityKey(otherRsa.ExportParameters(true)) { KeyId = key.KeyId }, CareMeshRoles.Admin),
            ["not a token"] = "hello",
        };
    }

    private static string Flip(string signature) =>
        (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
}
