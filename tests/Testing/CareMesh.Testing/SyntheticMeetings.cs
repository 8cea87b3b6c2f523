using System.Globalization;

namespace CareMesh.Testing;

/// <summary>
/// A busy PCN's MDT history, made in the meetings database by SQL (generate_series) for query-plan
/// tests and benchmarks: meetings two a day, ten agenda items each, and actions spread over owners,
/// statuses and due dates (60% still open or in progress, mixed within each owner's). People's
/// numbers start with 8, so they never meet the valid NHS numbers (9...) a test or benchmark adds.
/// Columns as the Meetings schema has them.
/// </summary>
public static class SyntheticMeetings
{
    public static string Sql(int meetings, int actions, int owners) => string.Create(CultureInfo.InvariantCulture, $$"""
        INSERT INTO mdt_meetings (id, title, starts_at, duration, location, kind, scope, organisation, chair_user_id, chair_name, core_members,
            member_user_ids, quorum, status, agenda_closes_at, agenda_cut_off_working_days, papers_deadline_hours, papers_due_at, version)
        SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'Synthetic MDT ' || g,
               TIMESTAMPTZ '2025-01-06 09:30:00Z' + g * interval '12 hours', interval '90 minutes', 'Room 2', 'CaseReview', 'Practice',
               'Y0000' || (g % 5 + 1), 'chair-' || (g % 10), 'Chair ' || (g % 10), '[]', ARRAY['chair-' || (g % 10)],
               '{"requiredRoles":[],"minimumPresent":0}',
               CASE WHEN TIMESTAMPTZ '2025-01-06 09:30:00Z' + g * interval '12 hours' < TIMESTAMPTZ '2026-06-01' THEN 'Held' ELSE 'Scheduled' END,
               TIMESTAMPTZ '2025-01-04 09:30:00Z' + g * interval '12 hours', 2, 24, TIMESTAMPTZ '2025-01-05 09:30:00Z' + g * interval '12 hours', 1
        FROM generate_series(1, {{meetings}}) g;

        INSERT INTO agenda_items (id, meeting_id, position, kind, title, nhs_number, reason, question, minutes_allotted, status, source,
            added_at, added_by_user_id, added_after_cut_off, version)
        SELECT ('00000000-0000-4000-9000-' || lpad(to_hex(m * 10 + i), 12, '0'))::uuid,
               ('00000000-0000-4000-8000-' || lpad(to_hex(m), 12, '0'))::uuid, i, 'Person', 'Synthetic item',
               '8' || lpad(((m * 10 + i) % 5000)::text, 9, '0'), 'Synthetic reason', 'Synthetic question', 10, 'Confirmed', 'Added',
               TIMESTAMPTZ '2025-01-01Z', 'synthetic', false, 1
        FROM generate_series(1, {{meetings}}) m, generate_series(1, 10) i;

        INSERT INTO mdt_actions (id, meeting_id, nhs_number, description, owner_user_id, owner_name, due_on, status, created_at, created_by_user_id, chases, version)
        SELECT ('00000000-0000-4000-a000-' || lpad(to_hex(g), 12, '0'))::uuid,
               ('00000000-0000-4000-8000-' || lpad(to_hex(g % {{meetings}} + 1), 12, '0'))::uuid,
               '8' || lpad((g % 5000)::text, 9, '0'), 'Synthetic action ' || g, 'owner-' || (g % {{owners}}), 'Owner ' || (g % {{owners}}),
               DATE '2025-06-01' + (g % 700),
               CASE WHEN g / 3 % 10 < 5 THEN 'Open' WHEN g / 3 % 10 = 5 THEN 'InProgress' WHEN g / 3 % 10 < 9 THEN 'Done' ELSE 'Cancelled' END,
               TIMESTAMPTZ '2025-01-01Z', 'synthetic', 0, 1
        FROM generate_series(1, {{actions}}) g;

        ANALYZE mdt_meetings;
        ANALYZE agenda_items;
        ANALYZE mdt_actions;
        """);
}
