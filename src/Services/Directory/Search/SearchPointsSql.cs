namespace CareMesh.Directory.Search;

/// <summary>The triggers that keep <c>search_points</c> in step with the listings, and its index.</summary>
public static class SearchPointsSql
{
    public const string Create = """
        CREATE INDEX ix_search_points_position_words ON search_points USING gist (position, search_vector);

        -- Rebuilds the points of the given services from their current listing: only listed services at located places.
        CREATE FUNCTION refresh_search_points(service_ids uuid[]) RETURNS void LANGUAGE sql AS $$
            DELETE FROM search_points WHERE service_id = ANY (service_ids);
            INSERT INTO search_points (service_id, location_id, position, search_vector, taxonomy_term_ids,
                                       minimum_age, maximum_age, is_free, capacity, open_days)
            SELECT s.id, l.id, point(l.longitude, l.latitude), s.search_vector, s.taxonomy_term_ids,
                   s.minimum_age, s.maximum_age, s.is_free, s.capacity, s.open_days
            FROM services s
            JOIN service_at_locations sal ON sal.service_id = s.id
            JOIN locations l ON l.id = sal.location_id
            WHERE s.id = ANY (service_ids)
              AND s.status = 'active' AND s.is_public AND s.withdrawn_at IS NULL
              AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL;
        $$;

        -- Statement-level, with the changed rows as a table: a bulk load refreshes each service once.
        CREATE FUNCTION search_points_after_services() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM refresh_search_points(ARRAY(SELECT id FROM changed));
            RETURN NULL;
        END $$;
        CREATE TRIGGER search_points_after_services_insert AFTER INSERT ON services
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_points_after_services();
        CREATE TRIGGER search_points_after_services_update AFTER UPDATE ON services
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_points_after_services();

        CREATE FUNCTION search_points_after_service_at_locations() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM refresh_search_points(ARRAY(SELECT service_id FROM changed));
            RETURN NULL;
        END $$;
        CREATE TRIGGER search_points_after_service_at_locations_insert AFTER INSERT ON service_at_locations
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_points_after_service_at_locations();
        CREATE TRIGGER search_points_after_service_at_locations_delete AFTER DELETE ON service_at_locations
            REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_points_after_service_at_locations();

        CREATE FUNCTION search_points_after_locations() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM refresh_search_points(ARRAY(
                SELECT DISTINCT sal.service_id FROM service_at_locations sal JOIN changed c ON c.id = sal.location_id));
            RETURN NULL;
        END $$;
        CREATE TRIGGER search_points_after_locations_update AFTER UPDATE ON locations
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION search_points_after_locations();
        """;

    public const string Drop = """
        DROP TRIGGER search_points_after_locations_update ON locations;
        DROP FUNCTION search_points_after_locations;
        DROP TRIGGER search_points_after_service_at_locations_delete ON service_at_locations;
        DROP TRIGGER search_points_after_service_at_locations_insert ON service_at_locations;
        DROP FUNCTION search_points_after_service_at_locations;
        DROP TRIGGER search_points_after_services_update ON services;
        DROP TRIGGER search_points_after_services_insert ON services;
        DROP FUNCTION search_points_after_services;
        DROP FUNCTION refresh_search_points;
        DROP INDEX ix_search_points_position_words;
        """;
}
