using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The local signing key that stands in for the identity provider in Development: an RSA key in a
/// PEM file on the developer's machine (never in the repository), made on first use. Services read
/// it to validate tokens; <c>./caremesh token</c> signs with it.
/// </summary>
public static class DevelopmentSigningKey
{
    public static RsaSecurityKey Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The development signing key {path} does not exist: the app host, ./caremesh token or the test fixtures create it.");
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return new RsaSecurityKey(rsa) { KeyId = KeyIdOf(rsa) };
    }

    /// <summary>Loads the key, first creating it (readable by its owner only) when there is none.</summary>
    public static RsaSecurityKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var rsa = RSA.Create(2048);
            var temporary = path + "." + Guid.NewGuid().ToString("N")[..8];
            File.WriteAllText(temporary, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                // Two processes may race to create it: the first one in wins, the other uses it.
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return Load(path);
    }

    /// <summary>A token for the local key, shaped as the identity provider's would be.</summary>
    public static string Mint(
        RsaSecurityKey key, string role, string organisation, string userId, string name, TimeSpan lifetime,
        string audience = "caremesh", DateTime? now = null, string issuer = CareMeshAuthenticationOptions.DevelopmentIssuer)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", userId),
                new Claim("name", name),
                new Claim("selected_roleid", role),
                new Claim("org", organisation),
            ]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string KeyIdOf(RSA rsa) =>
        Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
}
