using Npgsql;

namespace CareMesh.Testing;

/// <summary>
/// A directory of any size written straight into a Directory database, for query plans and
/// benchmarks: services of twenty kinds in forty need categories, at locations spread evenly over
/// an area, a tenth of the services at a second location. The same seed gives the same directory.
/// </summary>
public static class SyntheticDirectory
{
    /// <summary>A box over England south of the Tees and east of Wales: 120,000 locations are about one per km².</summary>
    public static readonly GeoArea England = new(50.6, -3.0, 54.6, 0.3);

    /// <summary>About 55 km square around Leeds, roughly West Yorkshire: 120,000 locations are about 40 per km².</summary>
    public static readonly GeoArea County = new(53.55, -2.0, 54.05, -1.2);

    public static readonly string[] Kinds =
    [
        "Counselling", "Befriending", "Carers café", "Walking group", "Debt advice", "Food bank", "Bereavement support", "Men's shed",
        "Art club", "Singing group", "Employment support", "Housing advice", "Benefits advice", "Dementia café", "Parent and toddler group",
        "Youth club", "Gardening group", "Chair yoga", "Digital skills", "Peer support",
    ];

    private static readonly string[] Places =
    [
        "Leeds", "Bradford", "Wakefield", "Harrogate", "Hull", "York", "Sheffield", "Doncaster", "Huddersfield", "Halifax",
        "Lincoln", "Nottingham", "Derby", "Leicester", "Norwich", "Ipswich", "Oxford", "Reading", "Bristol", "Exeter",
    ];

    private static readonly string[] Needs = ["Mental health", "Loneliness", "Money", "Housing", "Carers", "Physical activity", "Long-term conditions", "Work and learning"];

    /// <summary>The taxonomy: eight needs, each with four narrower terms; ids are fixed so a benchmark can name them.</summary>
    public static Guid TermId(int need, int narrower = -1) => Id($"term-{need}-{narrower}");

    public static Guid TaxonomyId => Id("taxonomy");

    public static async Task SeedAsync(string connectionString, int services, int locations, GeoArea? area = null, int seed = 42)
    {
        var (south, west, north, east) = area ?? England;
        var organisations = Math.Max(1, services / 10);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var terms = new List<(Guid Id, Guid? Parent, string Name)>();
        for (var need = 0; need < Needs.Length; need++)
        {
            terms.Add((TermId(need), null, Needs[need]));
            for (var narrower = 0; narrower < 4; narrower++)
            {
                terms.Add((TermId(need, narrower), TermId(need), $"{Needs[need]} {narrower + 1}"));
            }
        }

        await ExecuteAsync(connection, "INSERT INTO taxonomies (id, name, description) VALUES (@id, 'Needs', 'What people come to us for')", ("id", TaxonomyId));
        await ExecuteAsync(connection, """
            INSERT INTO taxonomy_terms (id, taxonomy_id, parent_id, name, description)
            SELECT t.id, @taxonomy, t.parent, t.name, t.name FROM unnest(@ids, @parents, @names) AS t(id, parent, name)
            """,
            ("taxonomy", TaxonomyId), ("ids", terms.Select(t => t.Id).ToArray()), ("parents", terms.Select(t => t.Parent).ToArray()),
            ("names", terms.Select(t => t.Name).ToArray()));
        var narrowerTerms = terms.Where(t => t.Parent is not null).Select(t => t.Id).ToArray();

        await ExecuteAsync(connection, $"""
            SELECT setseed({seed / 100.0});
            INSERT INTO organisations (id, name, description, identifiers, last_modified, version)
            SELECT md5('organisation-' || i)::uuid, 'Community organisation ' || i, 'A community organisation', '[]', now(), 1
            FROM generate_series(1, @organisations) AS i;
            INSERT INTO locations (id, organisation_id, location_type, name, latitude, longitude, addresses, accessibility, last_modified, version)
            SELECT md5('location-' || i)::uuid, md5('organisation-' || (1 + i % @organisations))::uuid, 'physical', 'Community centre ' || i,
                   @south + random() * (@north - @south), @west + random() * (@east - @west), '[]', '[]', now(), 1
            FROM generate_series(1, @locations) AS i;
            """,
            ("organisations", organisations), ("locations", locations), ("south", south), ("north", north), ("west", west), ("east", east));

        await ExecuteAsync(connection, """
            INSERT INTO services (id, organisation_id, name, description, status, is_public, capacity, referral_route, taxonomy_term_ids,
                                  contacts, schedules, cost_options, service_areas, languages, funding, is_free, open_days, search_keywords,
                                  minimum_age, maximum_age, verified_at, last_modified, version)
            SELECT md5('service-' || i)::uuid,
                   md5('organisation-' || (1 + i % @organisations))::uuid,
                   @places[1 + i % 20] || ' ' || @kinds[1 + i % 20] || ' ' || (i / 400),
                   'Friendly ' || lower(@kinds[1 + i % 20]) || ' for people in and around ' || @places[1 + (i / 20) % 20] ||
                       '. Run by volunteers, with a warm welcome for carers and families.',
                   CASE WHEN i % 50 = 0 THEN 'inactive' ELSE 'active' END,
                   i % 97 <> 0,
                   (ARRAY['accepting-referrals', 'accepting-referrals', 'waiting-list', 'closed-to-referrals'])[1 + i % 4],
                   CASE WHEN i % 3 = 0 THEN 'signposting-only' ELSE 'direct-referral' END,
                   ARRAY[@terms[1 + i % 32], @terms[1 + (i / 7) % 32]],
                   '[]', '[]', '[]', '[]', '[]', '[]',
                   i % 5 <> 0,
                   (1 + i % 127)::smallint,
                   'Community organisation ' || (1 + i % @organisations),
                   CASE WHEN i % 4 = 0 THEN 18 END,
                   CASE WHEN i % 6 = 0 THEN 65 END,
                   now() - (i % 365) * interval '1 day',
                   now() - (i % 1000) * interval '1 hour',
                   1
            FROM generate_series(1, @services) AS i;
            INSERT INTO service_at_locations (id, service_id, location_id)
            SELECT md5('sal-' || i)::uuid, md5('service-' || i)::uuid, md5('location-' || i)::uuid
            FROM generate_series(1, LEAST(@services, @locations)) AS i;
            INSERT INTO service_at_locations (id, service_id, location_id)
            SELECT md5('sal-extra-' || i)::uuid, md5('service-' || (1 + (i * 7) % @services))::uuid, md5('location-' || (@services + i))::uuid
            FROM generate_series(1, GREATEST(0, @locations - @services)) AS i;
            INSERT INTO search_words (word)
            SELECT DISTINCT lower(w) FROM unnest(@words) AS w WHERE length(w) >= 4 ON CONFLICT DO NOTHING;
            """,
            ("organisations", organisations), ("services", services), ("locations", locations), ("places", Places), ("kinds", Kinds),
            ("terms", narrowerTerms),
            ("words", Kinds.Concat(Places).Concat(Needs).SelectMany(w => w.Split(' ', '\''))
                .Concat(["friendly", "people", "around", "volunteers", "warm", "welcome", "carers", "families", "community", "organisation"]).ToArray()));

        await transaction.CommitAsync();
        await ExecuteAsync(connection, "VACUUM ANALYZE");
    }

    public sealed record GeoArea(double South, double West, double North, double East);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static Guid Id(string name) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
}
