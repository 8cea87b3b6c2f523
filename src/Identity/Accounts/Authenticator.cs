using CareMesh.Identity.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using QRCoder;

namespace CareMesh.Identity.Accounts;

/// <summary>
/// A partner's authenticator app (TOTP, RFC 6238: six digits, 30-second steps, SHA-1, as every authenticator app
/// reads a QR code). The shared key is kept encrypted with Data Protection; codes are checked against the injected
/// clock, one step either side for a phone's drift, and each is good once: a code is refused in the step it was used
/// and any earlier one.
/// </summary>
public sealed class Authenticator(IdentityDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>The name of its Identity token provider (two-factor sign-in asks for it).</summary>
    public const string ProviderName = "CareMesh.Authenticator";

    private const string LoginProvider = "CareMesh";
    private const string KeyName = "AuthenticatorKey";
    private const string Issuer = "CareMesh";

    private readonly IDataProtector _protector = protection.CreateProtector("CareMesh.Identity.AuthenticatorKeys");

    /// <summary>The key being enrolled, or the enrolled one; a new one when there is none.</summary>
    public async Task<byte[]> KeyForEnrolmentAsync(UserManager<Account> accounts, Account account)
    {
        if (await KeyAsync(accounts, account) is { } key)
        {
            return key;
        }

        key = KeyGeneration.GenerateRandomKey(20);
        var stored = await accounts.SetAuthenticationTokenAsync(account, LoginProvider, KeyName, _protector.Protect(Base32Encoding.ToString(key)));
        return stored.Succeeded ? key : throw new InvalidOperationException("Could not store the authenticator key.");
    }

    public async Task<byte[]?> KeyAsync(UserManager<Account> accounts, Account account) =>
        await accounts.GetAuthenticationTokenAsync(account, LoginProvider, KeyName) is { } stored
            ? Base32Encoding.ToBytes(_protector.Unprotect(stored))
            : null;

    /// <summary>Forgets the key: the next sign-in enrols a new authenticator.</summary>
    public async Task ResetAsync(UserManager<Account> accounts, Account account)
    {
        await accounts.RemoveAuthenticationTokenAsync(account, LoginProvider, KeyName);
        await accounts.SetTwoFactorEnabledAsync(account, false);
    }

    /// <summary>True once for a code that is right now: the step it matched is recorded, so it is never accepted again.</summary>
    public async Task<bool> VerifyAsync(UserManager<Account> accounts, Account account, string? code)
    {
        code = code?.Replace(" ", "", StringComparison.Ordinal);
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit) || await KeyAsync(accounts, account) is not { } key)
        {
            return false;
        }

        if (!new Totp(key).VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        // One statement, so two sign-ins racing with the same code cannot both win.
        var claimed = await db.Users
            .Where(a => a.Id == account.Id && (a.AuthenticatorStep == null || a.AuthenticatorStep < step))
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.AuthenticatorStep, step));
        return claimed == 1;
    }

    /// <summary>What an authenticator app reads: the <c>otpauth:</c> address, and it as a QR code (PNG, as a data: address).</summary>
    public static (string Uri, string QrCode, string Key) Enrolment(Account account, byte[] key)
    {
        var secret = Base32Encoding.ToString(key);
        var label = Uri.EscapeDataString($"{Issuer}:{account.Email}");
        var uri = $"otpauth://totp/{label}?secret={secret}&issuer={Issuer}&digits=6&period=30";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return (uri, "data:image/png;base64," + Convert.ToBase64String(png), secret);
    }
}

/// <summary>Identity's two-factor sign-in checks codes through this: the account's authenticator, once enrolled.</summary>
internal sealed class AuthenticatorTokenProvider(Authenticator authenticator) : IUserTwoFactorTokenProvider<Account>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Account> manager, Account user) =>
        user.TwoFactorEnabled && await authenticator.KeyAsync(manager, user) is not null;

    /// <summary>The app makes the codes; the provider never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<Account> manager, Account user) =>
        throw new NotSupportedException("Authenticator codes are made by the person's app.");

    public Task<bool> ValidateAsync(string purpose, string token, UserManager<Account> manager, Account user) =>
        authenticator.VerifyAsync(manager, user, token);
}
