using System.ComponentModel.DataAnnotations;
using CareMesh.Directory.OpenReferral;

namespace CareMesh.Directory.Management;

/// <summary>
/// The faults of a listing, each against its field. Its fields' own rules are attributes on the
/// request records (the minimal API validation runs them before a handler, and the OpenAPI document
/// shows them); <see cref="Check"/> runs the same attributes on a request built from an import, and
/// the handlers and the importer add here what only the database can tell: records that do not exist.
/// </summary>
public sealed class ListingRules
{
    public const int MaxAge = 130;
    public const int MaxWaitWeeks = 104;

    private readonly Dictionary<string, List<string>> faults = [];

    public bool IsValid => faults.Count == 0;

    public Dictionary<string, string[]> Errors => faults.ToDictionary(f => f.Key, f => f.Value.ToArray());

    public void Fault(string field, string message) =>
        (faults.TryGetValue(field, out var list) ? list : faults[field] = []).Add(message);

    /// <summary>Adds the faults of <paramref name="request"/>'s attribute and cross-field rules, as an endpoint's validation would report them.</summary>
    public ListingRules Check(object request)
    {
        foreach (var (field, messages) in RequestValidation.Errors(request))
        {
            foreach (var message in messages)
            {
                Fault(field, message);
            }
        }

        return this;
    }
}

/// <summary>
/// A UK number as services publish them: 0 or +44 then 9 or 10 digits, or a short national number
/// such as 111 or 116 123; spaces, hyphens and brackets allowed between the digits.
/// </summary>
public sealed class ServicePhoneAttribute : RegularExpressionAttribute
{
    public ServicePhoneAttribute() : base(@"^[\s()-]*(?:(?:\+[\s()-]*4[\s()-]*4|0)(?:[\s()-]*[0-9]){9,10}|1(?:[\s()-]*[0-9]){2}(?:(?:[\s()-]*[0-9]){3})?)[\s()-]*$") =>
        ErrorMessage = "The {0} must be a UK phone number, such as 0113 496 0000, +44 113 496 0000 or 111.";
}

/// <summary>An absolute http or https address, of at most 2000 characters.</summary>
public sealed class WebAddressAttribute : ValidationAttribute, IFormatted
{
    public const int MaxLength = 2000;

    public WebAddressAttribute() => ErrorMessage = "The {0} must be an absolute http or https address of at most 2000 characters.";

    public string Format => "uri";

    int IFormatted.MaxLength => MaxLength;

    public override bool IsValid(object? value) => value is null ||
        value is string text && text.Length <= MaxLength && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>An Open Referral UK service status: active, inactive, defunct or temporarily closed.</summary>
public sealed class ServiceStatusAttribute : ValidationAttribute, IWireValues
{
    public ServiceStatusAttribute() => ErrorMessage = "The {0} must be one of: " + string.Join(", ", Values) + ".";

    public IReadOnlyList<string> Values { get; } = [.. Enum.GetValues<Listings.ServiceStatus>().Select(OrukMapper.StatusName)];

    public override bool IsValid(object? value) => value is null || value is string text && OrukMapper.TryParseStatus(text, out _);
}
