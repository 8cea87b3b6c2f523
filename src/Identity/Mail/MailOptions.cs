using MailKit.Security;

namespace CareMesh.Identity.Mail;

/// <summary><c>Identity:Mail</c>: who the provider's mail comes from, and how it leaves: SMTP, or a folder of <c>.eml</c> files.</summary>
public sealed class MailOptions
{
    public const string Section = "Identity:Mail";

    public string From { get; set; } = "caremesh@localhost";

    public string FromName { get; set; } = "CareMesh";

    /// <summary><c>Identity:Mail:Smtp</c>: used whenever <see cref="SmtpOptions.Host"/> is set.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Without SMTP: a folder each message is written to as an <c>.eml</c> file (Development sets <c>.caremesh/mail</c>).</summary>
    public string? PickupFolder { get; set; }
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>With <see cref="Password"/>: the relay's credentials; none, no authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
