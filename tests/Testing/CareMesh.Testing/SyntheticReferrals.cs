namespace CareMesh.Testing;

/// <summary>
/// A Referrals database the size of a busy PCN's after some years, written straight in for query
/// plans and benchmarks: <c>members</c> team members (member-1, member-2, ...) each with
/// <c>openPerMember</c> open referrals, a few hundred waiting unallocated, and the rest closed
/// (completed, allocated round the team). NHS numbers start 9 and carry no valid check digit, so
/// none is a real person's.
/// </summary>
public static class SyntheticReferrals
{
    public static string Sql(int referrals, int members, int openPerMember, int unallocated = 500) => $$"""
        INSERT INTO team_members (user_id, name, role, capacity, aligned_practices, active, version)
        SELECT 'member-' || m, 'Member ' || m, CASE WHEN m % 4 = 0 THEN 'health-coach' ELSE 'link-worker' END, 300,
               ARRAY['Y0000' || (1 + m % 5)], true, 1
        FROM generate_series(1, {{members}}) AS m;
        INSERT INTO referrals (id, nhs_number, given_name, family_name, date_of_birth, practice_ods, reason, urgency, complexity, source, status,
                               received_at, recorded_by_user_id, contact, consent, needs, risk_flags, allocated_to_user_id, allocated_to_name,
                               allocated_role, allocated_at, closed_at, version)
        SELECT md5('referral-' || i)::uuid,
               '9' || lpad(i::text, 9, '0'),
               'Given' || (i % 997), 'Family' || (i % 1009), DATE '1930-01-01' + (i % 25000), 'Y0000' || (1 + i % 5),
               'Lives alone, struggling after discharge',
               CASE WHEN i % 7 = 0 THEN 'Urgent' ELSE 'Routine' END,
               CASE WHEN i % 5 = 0 THEN 'Complex' ELSE 'Standard' END,
               'Gp',
               CASE WHEN i <= {{members * openPerMember}} THEN (ARRAY['Accepted', 'InProgress', 'InProgress', 'OnHold'])[1 + i % 4]
                    WHEN i <= {{members * openPerMember + unallocated}} THEN 'Received'
                    ELSE 'Completed' END,
               now() - (i % 1500) * interval '1 day' - (i % 1440) * interval '1 minute',
               'seed', '{"isUnpaidCarer":false}', '{"toShare":true,"with":["gp"]}', ARRAY['social-isolation'], ARRAY['lives-alone'],
               CASE WHEN i <= {{members * openPerMember}} OR i > {{members * openPerMember + unallocated}} THEN 'member-' || (1 + i % {{members}}) END,
               CASE WHEN i <= {{members * openPerMember}} OR i > {{members * openPerMember + unallocated}} THEN 'Member ' || (1 + i % {{members}}) END,
               CASE WHEN i <= {{members * openPerMember}} OR i > {{members * openPerMember + unallocated}} THEN 'link-worker' END,
               CASE WHEN i <= {{members * openPerMember}} OR i > {{members * openPerMember + unallocated}} THEN now() - (i % 1500) * interval '1 day' END,
               CASE WHEN i > {{members * openPerMember + unallocated}} THEN now() - (i % 1000) * interval '1 day' END,
               1
        FROM generate_series(1, {{referrals}}) AS i;
        ANALYZE;
        """;
}
