namespace CareMesh.Contracts;

/// <summary>
/// The NHS number: ten digits, the last a modulus-11 check digit over the first nine with weights
/// 10 down to 2. It is the patient key across every CareMesh service.
/// </summary>
public static class NhsNumber
{
    /// <summary>Digits only, spaces and hyphens removed (people write "943 476 5919").</summary>
    public static string Normalise(string value) =>
        new(value.Where(c => c is not (' ' or '-')).ToArray());

    public static bool IsValid(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var digits = Normalise(value);
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - sum % 11;
        // 11 means a check digit of 0; 10 means the number cannot be valid.
        return check switch
        {
            11 => digits[9] == '0',
            10 => false,
            _ => digits[9] - '0' == check,
        };
    }
}
