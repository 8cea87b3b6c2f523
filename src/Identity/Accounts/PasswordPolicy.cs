using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace CareMesh.Identity.Accounts;

/// <summary>
/// NCSC's password guidance: length over complexity. At least <see cref="MinimumLength"/> characters, any
/// characters, no composition rules, no expiry; refused are the commonly used passwords, however dressed up (capitals,
/// digits or symbols around them, letters swapped for look-alike digits, repeated), runs along the keyboard or the
/// alphabet, a few characters repeated, and passwords built on the person's own name, email or organisation.
/// The common passwords are Openwall's list (<c>common-passwords.txt</c>, in the public domain, as Debian ships it
/// in <c>john-data</c> 1.9.0: 3,546 passwords most seen in compromises up to 2011).
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<Account>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    private static readonly string[] Runs =
    [
        "abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm", "qazwsxedcrfvtgbyhnujmikolp",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "1q2w3e4r5t6y7u8i9o0p", "!@#$%^&*()",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account account, string? password) =>
        Task.FromResult(Refusal(password, account) is { } refusal
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordRefused", Description = refusal })
            : IdentityResult.Success);

    /// <summary>Why <paramref name="password"/> will not do, or null when it will.</summary>
    public static string? Refusal(string? password, Account account)
    {
        if (password is null || password.Length < MinimumLength)
        {
            return $"Use at least {MinimumLength} characters: three or four random words make a good password.";
        }

        if (password.Length > MaximumLength)
        {
            return $"Use at most {MaximumLength} characters.";
        }

        var letters = Letters(password);
        if (password.Distinct().Count() < 5 || IsRepeat(letters) || IsRun(password.ToLowerInvariant()))
        {
            return "That password is a pattern (repeated characters or a run along the keyboard), which is easy to guess.";
        }

        var common = Common.Value;
        // The word itself with digits and symbols tacked on either end ("Password2024!"), or all of it read as letters.
        var core = Letters(password.Trim(Decoration));
        if (common.Contains(password.ToLowerInvariant()) || IsCommon(core, common) || IsCommon(letters, common))
        {
            return "That password is one of the most commonly used ones, or built on one: choose another.";
        }

        foreach (var own in Personal(account))
        {
            if (own.Length >= 4 && letters.Contains(own, StringComparison.Ordinal))
            {
                return "Your password must not contain your name, email address or organisation.";
            }
        }

        return null;
    }

    private static readonly char[] Decoration = [.. "0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ "];

    private static bool IsCommon(string letters, HashSet<string> common) =>
        letters.Length > 0 && (common.Contains(letters) || Repeats(letters, common));

    /// <summary>The letters of <paramref name="password"/>, lower case, look-alike digits and symbols read as letters.</summary>
    private static string Letters(string password)
    {
        var letters = new StringBuilder(password.Length);
        foreach (var c in password.ToLowerInvariant())
        {
            var read = c switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's', '!' => 'i', _ => c };
            if (char.IsLetter(read))
            {
                letters.Append(read);
            }
        }

        return letters.ToString();
    }

    /// <summary>"passwordpassword", "dragondragon": one common word over and over.</summary>
    private static bool Repeats(string letters, HashSet<string> common)
    {
        for (var size = 3; size <= letters.Length / 2; size++)
        {
            if (letters.Length % size == 0 && common.Contains(letters[..size]) && IsRepeatOf(letters, size))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A short unit repeated: "abcabcabcabc", "xyxyxyxyxyxy".</summary>
    private static bool IsRepeat(string letters)
    {
        for (var size = 1; size <= 4 && size < letters.Length; size++)
        {
            if (letters.Length >= MinimumLength && IsRepeatOf(letters, size))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRepeatOf(string text, int size)
    {
        for (var i = size; i < text.Length; i++)
        {
            if (text[i] != text[i % size])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The whole password along one run (forwards or backwards, wrapping round): "123456789012", "qwertyuiopas".</summary>
    private static bool IsRun(string password)
    {
        foreach (var run in Runs)
        {
            var twice = run + run;
            var backwards = new string(twice.Reverse().ToArray());
            if (twice.Contains(password, StringComparison.Ordinal) || backwards.Contains(password, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Personal(Account account)
    {
        foreach (var part in (account.DisplayName ?? "").Split([' ', '-', '\'', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            yield return Letters(part);
        }

        if (account.Email is { } email)
        {
            yield return Letters(email.Split('@')[0]);
        }

        yield return Letters(account.Organisation ?? "");
        yield return "caremesh";
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CareMesh.Identity.Accounts.common-passwords.txt")
                           ?? throw new InvalidOperationException("The common passwords list is not embedded.");
        using var reader = new StreamReader(stream);
        var common = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith("#!comment:", StringComparison.Ordinal))
            {
                common.Add(line.ToLowerInvariant());
                if (Letters(line) is { Length: >= 4 } letters)
                {
                    common.Add(letters);
                }
            }
        }

        return common;
    }
}
