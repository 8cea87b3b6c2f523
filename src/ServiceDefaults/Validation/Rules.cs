using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using CareMesh.Contracts;

namespace Microsoft.Extensions.Hosting;

// The rules request records are checked against, as attributes: the minimal API validation runs
// them before a handler, and the OpenAPI document shows them (ValidationSchemaTransformer), so what
// the document says and what the service enforces come from the same place. Messages name the
// field as "The {0}", {0} being its [Display(Name)] on the record parameter, a lower-case noun
// ("given name", "NHS number"), or else its JSON name. Use the standard [Required] beside them
// ("The given name field is required.").

/// <summary>Text of at most <paramref name="maximumLength"/> characters (after <see cref="TextPolicy"/> has trimmed it).</summary>
public sealed class TextAttribute : StringLengthAttribute
{
    public TextAttribute(int maximumLength) : base(maximumLength) =>
        ErrorMessage = "The {0} must be at most {1} characters.";
}

/// <summary>An NHS number: ten digits (spaces and hyphens allowed between them) with a valid modulus-11 check digit.</summary>
public sealed class NhsNumberAttribute : ValidationAttribute
{
    public const string Pattern = "^[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}$";

    public NhsNumberAttribute() => ErrorMessage = "The {0} must be 10 digits with a valid modulus-11 check digit.";

    public override bool IsValid(object? value) => value is null || value is string text && NhsNumber.IsValid(text);
}

/// <summary>An ODS code of a practice, PCN or other NHS organisation: 3 to 10 letters and digits.</summary>
public sealed class OdsCodeAttribute : RegularExpressionAttribute
{
    public OdsCodeAttribute() : base("^[A-Za-z0-9]{3,10}$") => ErrorMessage = "The {0} must be an ODS code: 3 to 10 letters and digits, such as Y00001.";
}

/// <summary>A UK postcode, in any case, with or without its space.</summary>
public sealed class UkPostcodeAttribute : RegularExpressionAttribute
{
    public UkPostcodeAttribute() : base("^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$") =>
        ErrorMessage = "The {0} must be a UK postcode, such as LS1 4AP.";
}

/// <summary>A UK telephone number: 10 or 11 digits starting 0, or +44 and 9 or 10 digits; spaces allowed.</summary>
public sealed class UkPhoneAttribute : RegularExpressionAttribute
{
    public UkPhoneAttribute() : base(@"^(\+44 ?[1-9]([ ]?[0-9]){8,9}|0[1-9]([ ]?[0-9]){8,9})$") =>
        ErrorMessage = "The {0} must be a UK phone number, such as 0113 496 0000 or +44 7700 900123.";
}

/// <summary>An email address of the usual shape (one @, a dot in the domain, no spaces), of at most 320 characters.</summary>
public sealed class EmailAttribute : RegularExpressionAttribute, IFormatted
{
    public EmailAttribute() : base(@"^(?=.{3,320}$)[^@\s]{1,64}@[^@\s]+\.[^@\s]+$") => ErrorMessage = "The {0} must be an email address, such as name@example.nhs.uk.";

    public string Format => "email";

    public int MaxLength => 320;
}

/// <summary>The JSON Schema format a rule's text has (<c>email</c>, <c>uri</c>) and its most characters, for the OpenAPI document.</summary>
public interface IFormatted
{
    string Format { get; }

    int MaxLength { get; }
}

/// <summary>One of <typeparamref name="TEnum"/>'s wire names (kebab-case), as the JSON converter writes them.</summary>
public sealed class OneOfAttribute<TEnum> : ValidationAttribute, IWireValues where TEnum : struct, Enum
{
    public OneOfAttribute() => ErrorMessage = "The {0} must be one of: " + string.Join(", ", WireEnum.Names<TEnum>()) + ".";

    public IReadOnlyList<string> Values { get; } = [.. WireEnum.Names<TEnum>()];

    public override bool IsValid(object? value) => value switch
    {
        null => true,
        string text => WireEnum.TryParse<TEnum>(text, out _),
        IEnumerable<string?> list => list.All(item => item is not null && WireEnum.TryParse<TEnum>(item, out _)),
        _ => false,
    };
}

/// <summary>The values a field may take, for the OpenAPI document.</summary>
public interface IWireValues
{
    IReadOnlyList<string> Values { get; }
}

/// <summary>A date (or time) that is not after today in UK time: a date of birth, a contact that happened.</summary>
public sealed class NotInFutureAttribute : ValidationAttribute
{
    public NotInFutureAttribute() => ErrorMessage = "The {0} cannot be in the future.";

    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        var clock = context.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var now = clock.GetUtcNow();
        var future = value switch
        {
            DateOnly date => date > UkTime.Today(clock),
            DateTimeOffset time => time > now.AddMinutes(5),
            DateTime time => time.ToUniversalTime() > now.UtcDateTime.AddMinutes(5),
            _ => false,
        };
        return future ? new ValidationResult(FormatErrorMessage(context.DisplayName), context.MemberName is { } member ? [member] : null) : ValidationResult.Success;
    }
}

/// <summary>A list of at most <paramref name="maximumCount"/> items, none of them null, and, of text, none longer than <see cref="MaximumLength"/> when it is set.</summary>
public sealed class ItemsAttribute(int maximumCount) : ValidationAttribute
{
    public int MaximumCount { get; } = maximumCount;

    public int MaximumLength { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        if (value is not System.Collections.ICollection list)
        {
            return ValidationResult.Success;
        }

        var message = list.Count > MaximumCount ? $"The {context.DisplayName} may hold at most {MaximumCount} items."
            : list.Cast<object?>().Any(item => item is null) ? $"The {context.DisplayName} may not hold null items."
            : MaximumLength > 0 && list.OfType<string>().Any(item => item.Length > MaximumLength) ? $"Each of the {context.DisplayName} must be at most {MaximumLength} characters."
            : null;
        return message is null ? ValidationResult.Success : new ValidationResult(message, context.MemberName is { } member ? [member] : null);
    }
}
