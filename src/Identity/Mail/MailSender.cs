using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CareMesh.Identity.Mail;

/// <summary>Sends the provider's mail (invitations). One interface, whatever carries it.</summary>
public interface IMailSender
{
    /// <summary>False when no way of sending is configured: what would send mail is refused rather than half done.</summary>
    bool CanSend { get; }

    Task SendAsync(MailboxAddress to, string subject, string text, CancellationToken cancellationToken = default);

    internal static MimeMessage Message(MailOptions options, MailboxAddress to, string subject, string text) => new(
        [new MailboxAddress(options.FromName, options.From)], [to], subject, new TextPart("plain") { Text = text });

    /// <summary>SMTP when <c>Identity:Mail:Smtp:Host</c> is set, else the pickup folder when one is named, else nothing.</summary>
    internal static IMailSender For(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<MailOptions>>();
        return options.Value switch
        {
            { Smtp.Host: { Length: > 0 } } => new SmtpMailSender(options),
            { PickupFolder: { Length: > 0 } } => new PickupFolderMailSender(options, services.GetRequiredService<IHostEnvironment>()),
            _ => new NoMailSender(),
        };
    }
}

/// <summary>Through the configured SMTP relay (MailKit), a connection per message: invitations are few.</summary>
internal sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public bool CanSend => true;

    public async Task SendAsync(MailboxAddress to, string subject, string text, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, cancellationToken);
        if (smtp is { UserName: { Length: > 0 } user, Password: { } password })
        {
            await client.AuthenticateAsync(user, password, cancellationToken);
        }

        await client.SendAsync(IMailSender.Message(options.Value, to, subject, text), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>Each message as an <c>.eml</c> file a developer opens with any mail program: nothing leaves the machine.</summary>
internal sealed class PickupFolderMailSender(IOptions<MailOptions> options, IHostEnvironment environment) : IMailSender
{
    public bool CanSend => true;

    public string Folder => Path.GetFullPath(options.Value.PickupFolder!, environment.ContentRootPath);

    public async Task SendAsync(MailboxAddress to, string subject, string text, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        var message = IMailSender.Message(options.Value, to, subject, text);
        // Written under another name and then renamed, so a reader never sees half a message.
        var path = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(path + ".tmp", cancellationToken);
        File.Move(path + ".tmp", path);
    }
}

internal sealed class NoMailSender : IMailSender
{
    public bool CanSend => false;

    public Task SendAsync(MailboxAddress to, string subject, string text, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("No mail delivery is configured (Identity:Mail:Smtp:Host or Identity:Mail:PickupFolder).");
}
