using CareMesh.Meetings.Actions;
using CareMesh.Meetings.Data;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareMesh.Meetings.Tests;

/// <summary>
/// The hot queries' plans on a database the size of a busy PCN's (50,000 actions, 2,000 meetings):
/// each reaches its rows through an index, never by reading a whole table.
/// </summary>
public partial class QueryPlanTests(QueryPlanTests.SeededMeetings meetings) : IClassFixture<QueryPlanTests.SeededMeetings>
{
    public sealed class SeededMeetings() : ServiceFactory<Program>("meetingsdb")
    {
        protected override async Task OnStartedAsync()
        {
            await using var connection = new NpgsqlConnection(Database.ConnectionString);
            await connection.OpenAsync();
            await using var seed = new NpgsqlCommand(SyntheticMeetings.Sql(meetings: 2_000, actions: 50_000, owners: 200), connection);
            await seed.ExecuteNonQueryAsync();
        }
    }

    public static TheoryData<string, string, string> HotQueries() => new()
    {
        {
            "a meeting's agenda",
            "SELECT * FROM agenda_items WHERE meeting_id = (SELECT id FROM mdt_meetings ORDER BY starts_at LIMIT 1)",
            "ix_agenda_items_meeting_id_position"
        },
        {
            "meetings coming up",
            "SELECT * FROM mdt_meetings WHERE starts_at > TIMESTAMPTZ '2026-05-31 16:00Z' AND starts_at + duration > TIMESTAMPTZ '2026-06-01' AND (scope = 'Pcn' OR organisation = 'Y00001') ORDER BY starts_at LIMIT 500",
            "ix_mdt_meetings_starts_at"
        },
        {
            "a person's open actions for the papers",
            "SELECT * FROM mdt_actions WHERE nhs_number IN ('8000000007', '8000000011') AND status IN ('Open', 'InProgress') ORDER BY due_on",
            "ix_mdt_actions_nhs_number"
        },
        {
            "the overdue check",
            "SELECT * FROM mdt_actions WHERE status IN ('Open', 'InProgress') AND due_on < DATE '2026-01-10' AND (last_chased_at IS NULL OR last_chased_at <= TIMESTAMPTZ '2026-01-08') ORDER BY due_on LIMIT 500",
            "ix_mdt_actions_due_on"
        },
    };

    [Theory]
    [MemberData(nameof(HotQueries))]
    public async Task Each_hot_query_uses_its_index(string query, string sql, string index)
    {
        var plan = await ExplainAsync(sql);

        Assert.True(plan.Contains(index, StringComparison.Ordinal), $"{query}:\n{plan}");
        Assert.DoesNotContain("Seq Scan on mdt_actions", plan);
        Assert.DoesNotContain("Seq Scan on agenda_items", plan);
    }

    [Fact]
    public async Task My_overdue_actions_as_the_service_asks_for_them_use_the_owners_index()
    {
        await using var scope = meetings.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var sql = Inline(ActionsApi.Mine(db, "owner-7", null, overdue: true, new DateOnly(2026, 6, 1)).ToQueryString());

        var plan = await ExplainAsync(sql);

        Assert.True(plan.Contains("ix_mdt_actions_owner_user_id_due_on", StringComparison.Ordinal), $"{sql}\n{plan}");
        Assert.DoesNotContain("Seq Scan", plan);
    }

    /// <summary>EF's SQL with its parameters (listed as <c>-- @name='value'</c> comments) written in as literals, for EXPLAIN.</summary>
    private static string Inline(string query)
    {
        var lines = query.Split('\n');
        var parameters = lines.Select(line => Parameter().Match(line)).Where(m => m.Success).ToList();
        var sql = string.Join("\n", lines.Where(line => !line.StartsWith("--", StringComparison.Ordinal)));
        foreach (var parameter in parameters.OrderByDescending(p => p.Groups[1].Value.Length))
        {
            sql = sql.Replace(parameter.Groups[1].Value, $"'{parameter.Groups[2].Value}'", StringComparison.Ordinal);
        }

        return sql;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^-- (@\\w+)='([^']*)'")]
    private static partial System.Text.RegularExpressions.Regex Parameter();

    [Fact]
    public async Task The_check_sees_a_query_no_index_serves()
    {
        var plan = await ExplainAsync("SELECT * FROM mdt_actions WHERE description LIKE '%clinic%'");

        Assert.Contains("Seq Scan on mdt_actions", plan);
    }

    private async Task<string> ExplainAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(meetings.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("\n", lines);
    }
}
