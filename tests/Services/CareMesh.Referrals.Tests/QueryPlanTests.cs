using System.Data.Common;
using CareMesh.Referrals.Allocation;
using CareMesh.Referrals.Caseload;
using CareMesh.Referrals.Data;
using CareMesh.Referrals.Workflow;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareMesh.Referrals.Tests;

/// <summary>
/// The hot queries, exactly as the service sends them (EF's own command and parameters), on a
/// database of 100,000 referrals with 20 members carrying 250 open each: none reads the whole
/// referrals table.
/// </summary>
public class QueryPlanTests(QueryPlanTests.SeededReferrals referrals) : IClassFixture<QueryPlanTests.SeededReferrals>
{
    public sealed class SeededReferrals() : ServiceFactory<Program>("referralsdb")
    {
        protected override async Task OnStartedAsync()
        {
            await using var connection = new NpgsqlConnection(Database.ConnectionString);
            await connection.OpenAsync();
            await using var seed = new NpgsqlCommand(SyntheticReferrals.Sql(referrals: 100_000, members: 20, openPerMember: 250), connection) { CommandTimeout = 300 };
            await seed.ExecuteNonQueryAsync();
        }
    }

    public static TheoryData<string> Queries() => ["caseload page", "caseload count", "caseload counts by status", "team balance", "one member's load", "open referrals of a person", "unallocated"];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Each_hot_query_reaches_its_rows_through_an_index(string query)
    {
        await using var scope = referrals.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();
        var command = query switch
        {
            "caseload page" => CaseloadApi.Page(CaseloadApi.Mine(db, "member-7").OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id), db, 1, 50).CreateDbCommand(),
            "caseload count" => CaseloadApi.Mine(db, "member-7").Where(r => r.DecisionNeededAt != null).Select(r => r.Id).CreateDbCommand(),
            "caseload counts by status" => CaseloadApi.Mine(db, "member-7").GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).CreateDbCommand(),
            "team balance" => Caseloads.LoadGroups(db, null).CreateDbCommand(),
            "one member's load" => Caseloads.LoadGroups(db, ["member-3", "member-4"]).CreateDbCommand(),
            "open referrals of a person" => db.Referrals.Where(r => r.NhsNumber == "9000012345" && r.MergedIntoId == null).Where(ReferralWorkflow.Open).Select(r => r.Id).CreateDbCommand(),
            _ => db.Referrals.Where(ReferralWorkflow.Open).Where(r => r.AllocatedToUserId == null).Select(r => r.Id).CreateDbCommand(),
        };

        var plan = await ExplainAsync(command);

        Assert.DoesNotContain("Seq Scan on referrals", plan);
        Assert.Contains("ix_referrals_", plan);
    }

    [Fact]
    public async Task The_check_sees_a_query_no_index_serves()
    {
        await using var scope = referrals.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralsDbContext>();

        var plan = await ExplainAsync(db.Referrals.Where(r => r.Reason.Contains("discharge")).Select(r => r.Id).CreateDbCommand());

        Assert.Contains("Seq Scan on referrals", plan);
    }

    private async Task<string> ExplainAsync(DbCommand query)
    {
        await using var connection = new NpgsqlConnection(referrals.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + query.CommandText, connection);
        foreach (NpgsqlParameter parameter in query.Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("\n", lines);
    }
}
