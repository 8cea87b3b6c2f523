using CareMesh.Directory.Data;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Directory.OpenReferral;

/// <summary>
/// How many services are listed, kept by triggers on <c>services</c> in the same transaction as each
/// change, so the feed's unfiltered page envelope needs no count over the whole table.
/// </summary>
public static class ListedServiceCount
{
    public const string Create = """
        CREATE TABLE listed_service_count (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), total integer NOT NULL);

        CREATE FUNCTION listed_services_in(rows_changed bigint) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            -- A change that lists or unlists nothing leaves the row alone, so ordinary edits never wait on it.
            IF rows_changed <> 0 THEN
                UPDATE listed_service_count SET total = total + rows_changed;
            END IF;
        END $$;

        CREATE FUNCTION count_listed_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM listed_services_in((SELECT count(*) FROM added WHERE status = 'active' AND is_public AND withdrawn_at IS NULL));
            RETURN NULL;
        END $$;
        CREATE FUNCTION count_listed_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM listed_services_in(
                (SELECT count(*) FROM after WHERE status = 'active' AND is_public AND withdrawn_at IS NULL) -
                (SELECT count(*) FROM before WHERE status = 'active' AND is_public AND withdrawn_at IS NULL));
            RETURN NULL;
        END $$;
        CREATE FUNCTION count_listed_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM listed_services_in(-(SELECT count(*) FROM removed WHERE status = 'active' AND is_public AND withdrawn_at IS NULL));
            RETURN NULL;
        END $$;
        CREATE TRIGGER count_listed_after_insert AFTER INSERT ON services
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_listed_after_insert();
        CREATE TRIGGER count_listed_after_update AFTER UPDATE ON services
            REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION count_listed_after_update();
        CREATE TRIGGER count_listed_after_delete AFTER DELETE ON services
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_listed_after_delete();
        """;

    public const string Drop = """
        DROP TRIGGER count_listed_after_delete ON services;
        DROP TRIGGER count_listed_after_update ON services;
        DROP TRIGGER count_listed_after_insert ON services;
        DROP FUNCTION count_listed_after_delete;
        DROP FUNCTION count_listed_after_update;
        DROP FUNCTION count_listed_after_insert;
        DROP FUNCTION listed_services_in;
        DROP TABLE listed_service_count;
        """;

    /// <summary>
    /// The count, recounted and stored first if its row is missing (a new database, or one whose
    /// tables were emptied wholesale), so it is never wrong for long.
    /// </summary>
    public static async Task<int> ReadAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var total = await db.Database.SqlQuery<int>($"SELECT total AS \"Value\" FROM listed_service_count").ToListAsync(cancellationToken);
        if (total.Count == 1)
        {
            return total[0];
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO listed_service_count (total)
            SELECT count(*) FROM services WHERE status = 'active' AND is_public AND withdrawn_at IS NULL
            ON CONFLICT (only_row) DO NOTHING
            """, cancellationToken);
        return await db.Database.SqlQuery<int>($"SELECT total AS \"Value\" FROM listed_service_count").SingleAsync(cancellationToken);
    }
}
