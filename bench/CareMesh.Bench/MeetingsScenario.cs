using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CareMesh.Bench;

/// <summary>
/// The MDT tool under a busy PCN's data, with the whole platform up and every request through the
/// gateway as a care coordinator: a meeting of 30 people, each with three earlier discussions and
/// open actions, read as its agenda, its papers as HTML and as PDF; and "my overdue actions" among
/// 50,000 actions. Requests one at a time (a coordinator opening papers), timed from send to body read.
/// </summary>
public static class MeetingsScenario
{
    private const string Coordinator = "user-care-coordinator";
    private static readonly Guid PackMeeting = Guid.Parse("00000000-0000-4000-b000-000000000000");
    private const string Quorum = """{"requiredRoles":["gp"],"minimumPresent":2}""";
    private const string Decisions = """[{"kind":"refer-on","text":"Falls clinic, St James''s"},{"kind":"medication-review","text":"Pharmacist to review sedatives"}]""";

    public static async Task RunAsync(BenchArguments args)
    {
        var requests = args.Int("requests", 300);
        var warmup = args.Int("warmup", 50);
        var people = args.Int("people", 30);
        var actions = args.Int("actions", 50_000);
        Environment.SetEnvironmentVariable("Gateway__PerUser__PermitLimit", "100000000");

        await using var platform = await TestPlatform.StartAsync("meetingsbench");
        await SeedAsync(platform.ConnectionStringOf("meetingsdb"), people, actions);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(GatewayUrl(platform)) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.TokenFor(CareMeshRoles.CareCoordinator, "Y00001"));

        Console.WriteLine($"meetings: through the gateway {client.BaseAddress}, a meeting of {people} people with 3 earlier discussions and 2 open actions each; " +
                          $"{actions:N0} actions in all; {requests} sequential requests per figure after {warmup} rounds of every request as warm-up; " +
                          $"load generator, gateway, four services and PostgreSQL share these {Environment.ProcessorCount} cores");
        (string Name, string Path, Func<byte[], bool> Check)[] reads =
        [
            ("agenda (JSON)", $"/api/meetings/{PackMeeting}/agenda", body => body.Length > 1000),
            ("papers (JSON)", $"/api/meetings/{PackMeeting}/papers", body => body.Length > 1000),
            ("papers (HTML)", $"/api/meetings/{PackMeeting}/papers.html", body => body.Length > 1000),
            ("papers (PDF)", $"/api/meetings/{PackMeeting}/papers.pdf", body => body.AsSpan(0, 5).SequenceEqual("%PDF-"u8)),
            ("my overdue actions", "/api/actions/mine?overdue=true", body => body.Length > 100),
        ];
        // Every path answers as expected, and all are warm (JIT, pools, plans) before any is timed.
        var sizes = new Dictionary<string, int>();
        foreach (var (name, path, check) in reads)
        {
            var sample = await client.GetByteArrayAsync(path);
            sizes[name] = check(sample) ? sample.Length : throw new InvalidOperationException($"GET {path} did not answer what was expected ({sample.Length} bytes)");
        }

        for (var i = 0; i < warmup; i++)
        {
            foreach (var read in reads)
            {
                (await client.GetAsync(read.Path)).EnsureSuccessStatusCode();
            }
        }

        foreach (var (name, path, _) in reads)
        {
            var timings = new List<double>(requests);
            for (var i = 0; i < requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
                }
            }

            Console.WriteLine($"meetings: {name}: {Statistics.Describe(timings)}; {sizes[name]:N0} bytes");
        }
    }

    /// <summary>The gateway's address (the one line to change when the platform's host changes).</summary>
    private static string GatewayUrl(TestPlatform platform) => platform.GatewayUrl;

    private static async Task SeedAsync(string connectionString, int people, int actions)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var numbers = NhsNumbers(people).ToList();
        await using (var synthetic = new NpgsqlCommand(SyntheticMeetings.Sql(meetings: 2_000, actions: actions, owners: 200), connection))
        {
            await synthetic.ExecuteNonQueryAsync();
        }

        // The coordinator owns 40 of the 50,000, two dozen of them overdue: their list must be found, not scanned for.
        var sql = new System.Text.StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            UPDATE mdt_actions SET owner_user_id = '{Coordinator}', owner_name = 'Sam Jones'
            WHERE id IN (SELECT id FROM mdt_actions ORDER BY id LIMIT 40 OFFSET 1000);
            """));
        var now = DateTimeOffset.UtcNow;
        // Three earlier meetings, each discussing everyone, then the one to prepare.
        for (var m = 0; m < 4; m++)
        {
            var id = m == 3 ? PackMeeting : Guid.Parse($"00000000-0000-4000-b000-00000000000{m + 1}");
            var startsAt = m == 3 ? now.AddDays(2) : now.AddDays(-7 * (3 - m) - 5);
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO mdt_meetings (id, title, starts_at, duration, location, kind, scope, organisation, chair_user_id, chair_name, core_members,
                    member_user_ids, quorum, status, agenda_closes_at, agenda_cut_off_working_days, papers_deadline_hours, papers_due_at, version, held_at, quorum_met)
                VALUES ('{id}', 'Practice case review', '{startsAt:O}', interval '90 minutes', 'Chapel Allerton Health Centre, room 2', 'CaseReview', 'Practice', 'Y00001',
                    'user-clinician', 'Dr Asha Patel', '[]', ARRAY['user-clinician', '{Coordinator}'], '{Quorum}',
                    '{(m == 3 ? "Scheduled" : "Held")}', '{startsAt.AddDays(-2):O}', 2, 24, '{startsAt.AddDays(-1):O}', 1,
                    {(m == 3 ? "NULL" : $"'{startsAt.AddHours(2):O}'")}, {(m == 3 ? "NULL" : "true")});
                """);
            for (var p = 0; p < numbers.Count; p++)
            {
                var item = Guid.Parse($"00000000-0000-4000-c{m:D3}-{p:D12}");
                var previous = m == 0 ? "NULL" : $"'00000000-0000-4000-c{m - 1:D3}-{p:D12}'";
                sql.Append(CultureInfo.InvariantCulture, $"""
                    INSERT INTO agenda_items (id, meeting_id, position, kind, title, nhs_number, reason, asked_by, question, minutes_allotted, status, source,
                        carried_from_item_id, added_at, added_by_user_id, added_after_cut_off, version)
                    VALUES ('{item}', '{id}', {p + 1}, 'Person', 'Falls and isolation since discharge', '{numbers[p]}', 'Two falls since discharge; lives alone; daughter visits weekly',
                        'Dr Asha Patel', 'Is a falls clinic referral needed now, and who calls the daughter?', 10, 'Confirmed', '{(m == 0 ? "Added" : "CarriedForward")}',
                        {previous}, '{startsAt.AddDays(-10):O}', '{Coordinator}', false, 1);
                    """);
                if (m < 3)
                {
                    sql.Append(CultureInfo.InvariantCulture, $"""
                        INSERT INTO minutes (id, meeting_id, agenda_item_id, situation, discussion, decisions, next_steps, outcome, status, written_by_user_id, updated_at,
                            finalised_at, finalised_by_user_id, version)
                        VALUES (gen_random_uuid(), '{id}', '{item}', 'Second fall in a month; not eating well.', 'District nurse visited twice; GP reviewed medication.',
                            '{Decisions}',
                            'Care coordinator to call her daughter this week.', 'StillOpen', 'Final', '{Coordinator}', '{startsAt:O}', '{startsAt:O}', '{Coordinator}', 2);
                        INSERT INTO mdt_actions (id, meeting_id, agenda_item_id, nhs_number, description, owner_user_id, owner_name, due_on, status, created_at,
                            created_by_user_id, chases, version)
                        VALUES (gen_random_uuid(), '{id}', '{item}', '{numbers[p]}', 'Refer to the falls clinic and confirm the date with the family', 'user-link-worker',
                            'Priya Shah', DATE '{startsAt.AddDays(14):yyyy-MM-dd}', '{(m == 0 ? "Done" : "Open")}', '{startsAt:O}', '{Coordinator}', 0, 1);
                        """);
                }
            }
        }

        for (var p = 0; p < numbers.Count; p++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO people (nhs_number, given_name, family_name, practice_ods, referral_reason, urgency, complexity, risk_flags, needs, care_coordinator_name,
                    care_plan_id, plan_status, plan_version, review_due, updated_at)
                VALUES ('{numbers[p]}', 'Person', 'Number {p + 1}', 'Y00001', 'Lives alone, struggling after discharge', 'urgent', 'complex',
                    ARRAY['lives-alone', 'frailty'], ARRAY['social-isolation', 'housing'], 'Sam Jones', gen_random_uuid(), 'agreed', 2, DATE '2027-06-01', now());
                """);
        }

        sql.Append("ANALYZE;");
        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Valid NHS numbers (modulus-11 check digit) from 900 000 000x upward.</summary>
    private static IEnumerable<string> NhsNumbers(int count)
    {
        for (var stem = 900_000_000L; count > 0; stem++)
        {
            var digits = stem.ToString(CultureInfo.InvariantCulture);
            var check = 11 - digits.Select((c, i) => (c - '0') * (10 - i)).Sum() % 11;
            if (check == 10)
            {
                continue;
            }

            count--;
            yield return digits + (check == 11 ? 0 : check).ToString(CultureInfo.InvariantCulture);
        }
    }
}
