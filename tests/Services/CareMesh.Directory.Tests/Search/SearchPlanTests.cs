using CareMesh.Directory.Search;
using CareMesh.Testing;
using Npgsql;

namespace CareMesh.Directory.Tests.Search;

/// <summary>
/// The search's plans on a directory big enough for the planner to prefer indexes where they help:
/// every shape of search must reach services through an index, never by reading the whole table.
/// </summary>
public class SearchPlanTests(SearchPlanTests.SeededDirectory directory) : IClassFixture<SearchPlanTests.SeededDirectory>
{
    private static readonly GeoPoint Leeds = new(53.8, -1.55);

    public sealed class SeededDirectory() : ServiceFactory<Program>("directorydb")
    {
        // Dense, like one county's directory, so that the planner weighs the text and category indexes against the distance one.
        protected override Task OnStartedAsync() =>
            SyntheticDirectory.SeedAsync(Database.ConnectionString, services: 20_000, locations: 24_000, SyntheticDirectory.County);
    }

    public static TheoryData<string, string[], bool, bool> Shapes() => new()
    {
        { "text, category and 5 km", ["counselling"], true, true },
        { "text alone", ["counselling"], false, false },
        { "misspelt text", ["councelling"], false, false },
        { "category alone", [], true, false },
        { "5 km alone", [], false, true },
        { "text and 5 km", ["befriending"], false, true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_search_reaches_services_through_an_index(string shape, string[] words, bool byCategory, bool near)
    {
        var criteria = new SearchCriteria(words, null, near ? Leeds : null, null, 5000, Age: null, FreeOnly: false, AcceptingReferrals: false,
            OpenOn: null, Page: 1, PageSize: 20);
        var textQuery = words.Length > 0 ? TextQuery.Build(words, new Dictionary<string, string> { ["councelling"] = "counselling" }) : null;
        Guid[] terms = byCategory ? [SyntheticDirectory.TermId(0, 0), SyntheticDirectory.TermId(0, 1)] : [];

        var plan = await ExplainAsync(criteria, textQuery, terms);

        Assert.DoesNotContain("Seq Scan on services", plan);
        Assert.DoesNotContain("Seq Scan on search_points", plan);
        Assert.Contains("Index", plan);
        Assert.True(shape.Length > 0);
    }

    [Fact]
    public async Task The_plan_check_catches_a_search_with_no_usable_index()
    {
        // Age alone narrows nothing an index serves: the planner must read services in full, and the check must see it.
        var criteria = new SearchCriteria([], null, null, null, 5000, Age: 30, FreeOnly: false, AcceptingReferrals: false, OpenOn: null, Page: 1, PageSize: 20);

        var plan = await ExplainAsync(criteria, null, []);

        Assert.Contains("Seq Scan on services", plan);
    }

    private async Task<string> ExplainAsync(SearchCriteria criteria, string? textQuery, Guid[] terms)
    {
        var (sql, parameters) = ServiceSearch.Statement(criteria, textQuery, terms);
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        command.Parameters.AddRange(parameters.ToArray());
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("\n", lines);
    }
}
