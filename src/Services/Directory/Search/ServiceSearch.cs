using System.Data.Common;
using System.Globalization;
using System.Text;
using CareMesh.Directory.Data;
using CareMesh.Directory.Listings;
using CareMesh.Directory.OpenReferral;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CareMesh.Directory.Search;

/// <summary>
/// The coordinators' search: listed services that meet every criterion, ranked by how well the
/// text matches and how near they are, each saying why it matched. One SQL statement, written out
/// so its plan stays on the indexes (see <c>docs/directory.md</c>); near a point it reads
/// <see cref="SearchPoint"/>s rather than joining every place in the circle to its service.
/// </summary>
public sealed class ServiceSearch(DirectoryDbContext db)
{
    private const string ListedServices = "s.status = 'active' AND s.is_public AND s.withdrawn_at IS NULL";

    public async Task<SearchResults> RunAsync(SearchCriteria criteria, IReadOnlyList<Guid> termIds, CancellationToken cancellationToken)
    {
        var corrections = await CorrectionsAsync(criteria.Words, cancellationToken);
        var textQuery = criteria.Words.Count > 0 ? TextQuery.Build(criteria.Words, corrections) : null;
        var (sql, parameters) = Statement(criteria, textQuery, termIds);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var results = new List<SearchResult>();
            var total = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                total = reader.GetInt32(reader.GetOrdinal("total"));
                results.Add(Read(reader, criteria));
            }

            return new SearchResults(total, criteria.Page, criteria.PageSize,
                corrections.Where(c => c.Key != c.Value).ToDictionary(c => c.Key, c => c.Value), results);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The statement and its parameters, for running or for <c>EXPLAIN</c>.</summary>
    public static (string Sql, List<NpgsqlParameter> Parameters) Statement(SearchCriteria criteria, string? textQuery, IReadOnlyList<Guid> termIds)
    {
        var parameters = new List<NpgsqlParameter>();
        string Parameter(string name, object value, NpgsqlDbType? type = null)
        {
            parameters.Add(type is { } t ? new NpgsqlParameter(name, t) { Value = value } : new NpgsqlParameter(name, value));
            return "@" + name;
        }

        // Near a point, the filters apply to the search points (listed services only, by place);
        // otherwise to the services themselves. Both carry the same filter columns.
        var f = criteria.Near is null ? "s" : "p";
        var where = criteria.Near is null ? new List<string> { ListedServices } : [];
        var textRank = "0::real";
        if (textQuery is not null)
        {
            var query = $"to_tsquery('english', {Parameter("text_query", textQuery)})";
            where.Add($"{f}.search_vector @@ {query}");
            textRank = $"ts_rank_cd({f}.search_vector, {query}, 32)";
        }

        if (termIds.Count > 0)
        {
            where.Add($"{f}.taxonomy_term_ids && {Parameter("term_ids", termIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid)}");
        }

        if (criteria.Age is { } age)
        {
            var a = Parameter("age", age);
            where.Add($"({f}.minimum_age IS NULL OR {f}.minimum_age <= {a}) AND ({f}.maximum_age IS NULL OR {f}.maximum_age >= {a})");
        }

        if (criteria.FreeOnly)
        {
            where.Add($"{f}.is_free");
        }

        if (criteria.AcceptingReferrals)
        {
            where.Add($"{f}.capacity = '{WireEnum.Name(Capacity.AcceptingReferrals)}'");
        }

        if (criteria.OpenOn is not null)
        {
            where.Add($"({f}.open_days & {Parameter("open_day", (short)criteria.OpenDay)}) <> 0");
        }

        const string columns = "s.id, s.name, s.organisation_id, s.description, s.capacity, s.typical_wait_weeks, s.referral_route, " +
                               "s.is_free, s.minimum_age, s.maximum_age, s.search_keywords, s.taxonomy_term_ids";
        string matches, score;
        if (criteria.Near is { } near)
        {
            var box = near.BoxAround(criteria.RadiusMetres);
            var radius = Parameter("radius", criteria.RadiusMetres);
            // A point's [0] is its longitude, [1] its latitude.
            var distance = $"geo_distance_metres({Parameter("latitude", near.Latitude)}, {Parameter("longitude", near.Longitude)}, p.position[1], p.position[0])";
            where.Add($"p.position <@ box(point({Parameter("west", box.West)}, {Parameter("south", box.South)}), point({Parameter("east", box.East)}, {Parameter("north", box.North)}))");
            where.Add($"{distance} <= {radius}");
            // The nearest of the service's places within reach stands for it; services and locations are
            // joined only for the points that pass every filter.
            matches = $"""
                SELECT DISTINCT ON (p.service_id) {columns}, {textRank} AS text_rank, l.id AS location_id, l.name AS location_name, {distance} AS metres
                FROM search_points p
                JOIN services s ON s.id = p.service_id
                JOIN locations l ON l.id = p.location_id
                WHERE {string.Join("\n  AND ", where)}
                ORDER BY p.service_id, metres
                """;
            var nearness = $"(1 - m.metres / {radius})";
            score = textQuery is null ? nearness : $"(0.6 * m.text_rank + 0.4 * {nearness})";
        }
        else
        {
            matches = $"""
                SELECT {columns}, {textRank} AS text_rank, NULL::uuid AS location_id, NULL::text AS location_name, NULL::double precision AS metres
                FROM services s
                WHERE {string.Join("\n  AND ", where)}
                """;
            score = textQuery is null ? "0::real" : "m.text_rank";
        }

        var nameMatch = textQuery is null ? "false" : "to_tsvector('english', r.name) @@ to_tsquery('english', @text_query)";
        var keywordMatch = textQuery is null ? "false" : "to_tsvector('english', r.search_keywords) @@ to_tsquery('english', @text_query)";
        var sql = $"""
            WITH matches AS (
            {matches}
            ), ranked AS (
                SELECT m.*, {score} AS score, count(*) OVER () AS total
                FROM matches m
                ORDER BY score DESC, m.name, m.id
                LIMIT {Parameter("limit", criteria.PageSize)} OFFSET {Parameter("offset", PageRequest.OffsetOf(criteria.Page, criteria.PageSize))}
            )
            SELECT r.*, o.name AS organisation_name, {nameMatch} AS name_matched, {keywordMatch} AS keywords_matched,
                   (SELECT t.name FROM taxonomy_terms t WHERE t.id = ANY (r.taxonomy_term_ids) AND t.id = ANY (@term_ids_or_none) ORDER BY t.name LIMIT 1) AS matched_term
            FROM ranked r
            JOIN organisations o ON o.id = r.organisation_id
            ORDER BY r.score DESC, r.name, r.id
            """;
        parameters.Add(new NpgsqlParameter("term_ids_or_none", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = termIds.ToArray() });
        return (sql, parameters);
    }

    /// <summary>For each query word no listing uses, the listing word most like it (by trigram similarity), if any is close.</summary>
    private async Task<IReadOnlyDictionary<string, string>> CorrectionsAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var candidates = words.Where(w => w.Length >= SearchVocabulary.MinWordLength && !w.All(char.IsAsciiDigit)).ToArray();
        if (candidates.Length == 0)
        {
            return new Dictionary<string, string>();
        }

        // Column names in snake_case: the naming convention maps this query's result type as well.
        var found = await db.Database.SqlQuery<WordCorrection>($"""
            SELECT q.word AS word,
                   CASE WHEN EXISTS (SELECT 1 FROM search_words w WHERE w.word = q.word) THEN q.word
                        ELSE (SELECT w.word FROM search_words w WHERE w.word % q.word ORDER BY similarity(w.word, q.word) DESC, w.word LIMIT 1)
                   END AS nearest
            FROM unnest({candidates}::text[]) AS q(word)
            """).ToListAsync(cancellationToken);
        return found.Where(f => f.Nearest is not null).ToDictionary(f => f.Word, f => f.Nearest!);
    }

    private static SearchResult Read(DbDataReader reader, SearchCriteria criteria)
    {
        double? metres = reader["metres"] is double m ? m : null;
        var result = new SearchResult(
            reader.GetGuid(reader.GetOrdinal("id")),
            reader.GetString(reader.GetOrdinal("name")),
            reader.GetGuid(reader.GetOrdinal("organisation_id")),
            reader.GetString(reader.GetOrdinal("organisation_name")),
            reader["description"] is string description ? Summary(description) : null,
            WireEnum.Parse<Capacity>((string)reader["capacity"]),
            reader["typical_wait_weeks"] as int?,
            WireEnum.Parse<ReferralRoute>((string)reader["referral_route"]),
            (bool)reader["is_free"],
            metres is { } d ? Math.Round(d / 1000, 1) : null,
            reader["location_id"] is Guid locationId ? new SearchLocation(locationId, reader["location_name"] as string) : null,
            Math.Round(Convert.ToDouble(reader["score"], CultureInfo.InvariantCulture), 4),
            []);
        return result with { MatchedBecause = Reasons(reader, criteria, result) };
    }

    /// <summary>Why a service is in the results, in words a coordinator can check at a glance.</summary>
    private static List<string> Reasons(DbDataReader reader, SearchCriteria criteria, SearchResult result)
    {
        var reasons = new List<string>();
        if (criteria.Words.Count > 0)
        {
            var where = new[] { ((bool)reader["name_matched"], "its name"), ((bool)reader["keywords_matched"], "its categories or provider") }
                .Where(x => x.Item1).Select(x => x.Item2).ToList();
            reasons.Add(where.Count > 0
                ? $"\"{string.Join(' ', criteria.Words)}\" matches {string.Join(" and ", where)}"
                : $"\"{string.Join(' ', criteria.Words)}\" matches its description");
        }

        if (reader["matched_term"] is string term)
        {
            reasons.Add($"listed under {term}");
        }

        if (result.DistanceKm is { } km)
        {
            var from = criteria.NearPostcode is { } postcode ? postcode : "the point given";
            reasons.Add($"{km.ToString("0.0", CultureInfo.InvariantCulture)} km from {from}" + (result.Location?.Name is { } name ? $" ({name})" : ""));
        }

        if (criteria.Age is { } age)
        {
            var (min, max) = (reader["minimum_age"] as int?, reader["maximum_age"] as int?);
            reasons.Add(min is null && max is null ? "no age limits" : $"takes people aged {min ?? 0} to {(max is { } m ? m.ToString(CultureInfo.InvariantCulture) : "any age")}, so {age}");
        }

        if (criteria.FreeOnly)
        {
            reasons.Add("free");
        }

        if (criteria.AcceptingReferrals)
        {
            reasons.Add("accepting referrals now");
        }

        if (criteria.OpenOn is { } day)
        {
            reasons.Add($"open on {day}s");
        }

        return reasons;
    }

    private static string Summary(string description)
    {
        const int length = 300;
        if (description.Length <= length)
        {
            return description;
        }

        var cut = description.LastIndexOf(' ', length);
        return new StringBuilder(description, 0, cut > 0 ? cut : length, length + 1).Append('…').ToString();
    }

    private sealed record WordCorrection(string Word, string? Nearest);
}

public sealed record SearchResults(int Total, int Page, int PageSize, IReadOnlyDictionary<string, string> ReadAs, IReadOnlyList<SearchResult> Results);

/// <param name="MatchedBecause">Why the service is in the results: the words it matched, its category, how far, and each filter it meets.</param>
/// <param name="Score">0 to 1: how well the words match and how near it is; results come best first.</param>
public sealed record SearchResult(
    Guid ServiceId,
    string Name,
    Guid OrganisationId,
    string OrganisationName,
    string? Description,
    Capacity Capacity,
    int? TypicalWaitWeeks,
    ReferralRoute ReferralRoute,
    bool IsFree,
    double? DistanceKm,
    SearchLocation? Location,
    double Score,
    IReadOnlyList<string> MatchedBecause);

public sealed record SearchLocation(Guid Id, string? Name);
