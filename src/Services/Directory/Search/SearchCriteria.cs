using System.Globalization;
using CareMesh.Directory.Listings;

namespace CareMesh.Directory.Search;

/// <summary>What a coordinator is looking for, checked and normalised. Every criterion given must hold.</summary>
public sealed record SearchCriteria(
    IReadOnlyList<string> Words,
    Guid? TaxonomyTermId,
    GeoPoint? Near,
    string? NearPostcode,
    double RadiusMetres,
    int? Age,
    bool FreeOnly,
    bool AcceptingReferrals,
    DayOfWeek? OpenOn,
    int Page,
    int PageSize)
{
    public const double DefaultRadiusKm = 10;
    public const double MaxRadiusKm = 100;
    public const int MaxPageSize = 50;
    public const int MaxWords = 8;

    /// <summary>The words of a free-text query that search can use: letters and digits only, lower case, at most <see cref="MaxWords"/>.</summary>
    public static IReadOnlyList<string> WordsOf(string? text) =>
        text is null ? [] : [.. SearchVocabulary.AnyWords(text).Take(MaxWords)];

    /// <summary>
    /// The day a coordinator asked about, as a weekday name ("tuesday") or a date (2026-11-24);
    /// a date's weekday is the one it falls on.
    /// </summary>
    public static bool TryParseDay(string text, out DayOfWeek day)
    {
        if (Enum.TryParse(text, ignoreCase: true, out day) && Enum.IsDefined(day) && !int.TryParse(text, out _))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            day = date.DayOfWeek;
            return true;
        }

        return false;
    }

    public OpenDays OpenDay => OpenOn is { } day ? OpeningDays.Of(day) : OpenDays.None;
}

/// <summary>
/// Builds the text-search query: each word must match (AND), and a misspelt word also matches the
/// listing word it most resembles (OR), so "councelling" finds "counselling".
/// </summary>
public static class TextQuery
{
    /// <param name="words">The query's words.</param>
    /// <param name="corrections">For a word no listing uses, the nearest word one does.</param>
    public static string Build(IReadOnlyList<string> words, IReadOnlyDictionary<string, string> corrections) =>
        string.Join(" & ", words.Select(word => corrections.TryGetValue(word, out var nearest) && nearest != word
            ? $"({word} | {nearest})"
            : word));
}
