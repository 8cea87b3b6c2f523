namespace CareMesh.Directory.Search;

/// <summary>
/// A word that occurs in some listing. Search corrects a misspelt query word ("councelling") to the
/// nearest of these by trigram similarity before the stemmed text search runs.
/// </summary>
public sealed class SearchWord
{
    public required string Word { get; init; }
}
