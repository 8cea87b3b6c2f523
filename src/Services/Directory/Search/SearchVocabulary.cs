using System.Text.RegularExpressions;
using CareMesh.Directory.Data;
using CareMesh.Directory.Listings;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.Search;

/// <summary>The words listings use, kept so that search can correct a misspelt query word to one of them.</summary>
public static partial class SearchVocabulary
{
    /// <summary>Shorter words are neither kept nor corrected: a near miss of three letters means little.</summary>
    public const int MinWordLength = 4;

    /// <summary>The distinct lower-case words of a service's searchable text.</summary>
    public static string[] WordsOf(Service service) =>
        [.. Words($"{service.Name} {service.SearchKeywords} {service.Description}")];

    /// <summary>The words worth correcting towards: long enough that a near miss means something.</summary>
    public static IEnumerable<string> Words(string text) => AnyWords(text).Where(w => w.Length >= MinWordLength);

    /// <summary>Distinct lower-case runs of letters or digits; nothing else reaches a text-search query.</summary>
    public static IEnumerable<string> AnyWords(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Distinct();

    /// <summary>Adds the service's words, in the caller's transaction. Words are never removed: a stale one only offers a correction that finds nothing.</summary>
    public static Task AddWordsAsync(DirectoryDbContext db, Service service, CancellationToken cancellationToken)
    {
        var words = WordsOf(service);
        return db.Database.ExecuteSqlAsync(
            $"INSERT INTO search_words (word) SELECT unnest({words}::text[]) ON CONFLICT DO NOTHING", cancellationToken);
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex Word();
}
