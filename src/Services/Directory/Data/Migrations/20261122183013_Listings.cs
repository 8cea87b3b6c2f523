using System;
using System.Text.Json;
using CareMesh.Directory.Search;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace CareMesh.Directory.Data.Migrations
{
    /// <inheritdoc />
    public partial class Listings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "identifiers",
                table: "organisations",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_modified",
                table: "organisations",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "logo",
                table: "organisations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "parent_organisation_id",
                table: "organisations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "uri",
                table: "organisations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "organisations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "listing_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    listing_type = table.Column<string>(type: "text", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    change = table.Column<string>(type: "text", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    changed_by_role = table.Column<string>(type: "text", nullable: true),
                    changed_by_organisation = table.Column<string>(type: "text", nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    snapshot = table.Column<JsonDocument>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listing_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "locations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    external_identifier = table.Column<string>(type: "text", nullable: true),
                    external_identifier_type = table.Column<string>(type: "text", nullable: true),
                    addresses = table.Column<string>(type: "jsonb", nullable: false),
                    accessibility = table.Column<string>(type: "jsonb", nullable: false),
                    last_modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_locations", x => x.id);
                    table.ForeignKey(
                        name: "fk_locations_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "postcodes",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: false),
                    longitude = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_postcodes", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "search_words",
                columns: table => new
                {
                    word = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_words", x => x.word);
                });

            migrationBuilder.CreateTable(
                name: "service_demand",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    referrals_sent = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_demand", x => new { x.service_id, x.month });
                });

            migrationBuilder.CreateTable(
                name: "services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    url = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    is_public = table.Column<bool>(type: "boolean", nullable: false),
                    accreditations = table.Column<string>(type: "text", nullable: true),
                    minimum_age = table.Column<int>(type: "integer", nullable: true),
                    maximum_age = table.Column<int>(type: "integer", nullable: true),
                    eligibility_description = table.Column<string>(type: "text", nullable: true),
                    assured_date = table.Column<DateOnly>(type: "date", nullable: true),
                    assurer_email = table.Column<string>(type: "text", nullable: true),
                    alert = table.Column<string>(type: "text", nullable: true),
                    capacity = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    typical_wait_weeks = table.Column<int>(type: "integer", nullable: true),
                    referral_route = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    verified_by = table.Column<string>(type: "text", nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_reason = table.Column<string>(type: "text", nullable: true),
                    taxonomy_term_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    contacts = table.Column<string>(type: "jsonb", nullable: false),
                    schedules = table.Column<string>(type: "jsonb", nullable: false),
                    cost_options = table.Column<string>(type: "jsonb", nullable: false),
                    service_areas = table.Column<string>(type: "jsonb", nullable: false),
                    languages = table.Column<string>(type: "jsonb", nullable: false),
                    funding = table.Column<string>(type: "jsonb", nullable: false),
                    is_free = table.Column<bool>(type: "boolean", nullable: false),
                    open_days = table.Column<short>(type: "smallint", nullable: false),
                    search_keywords = table.Column<string>(type: "text", nullable: false),
                    last_modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', search_keywords), 'B') || setweight(to_tsvector('english', coalesce(description, '')), 'C')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services", x => x.id);
                    table.ForeignKey(
                        name: "fk_services_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "taxonomies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    uri = table.Column<string>(type: "text", nullable: true),
                    version = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_taxonomies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_at_locations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_at_locations", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_at_locations_locations_location_id",
                        column: x => x.location_id,
                        principalTable: "locations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_at_locations_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "taxonomy_terms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    taxonomy_id = table.Column<Guid>(type: "uuid", nullable: true),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: true),
                    term_uri = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_taxonomy_terms", x => x.id);
                    table.ForeignKey(
                        name: "fk_taxonomy_terms_taxonomies_taxonomy_id",
                        column: x => x.taxonomy_id,
                        principalTable: "taxonomies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_taxonomy_terms_taxonomy_terms_parent_id",
                        column: x => x.parent_id,
                        principalTable: "taxonomy_terms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_organisations_name",
                table: "organisations",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_listing_changes_listing_type_listing_id_version",
                table: "listing_changes",
                columns: new[] { "listing_type", "listing_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_locations_organisation_id",
                table: "locations",
                column: "organisation_id");

            // Proximity search (see GeoSql).
            migrationBuilder.Sql(GeoSql.CreateFunctions);

            migrationBuilder.CreateIndex(
                name: "ix_search_words_trigram",
                table: "search_words",
                column: "word")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_service_at_locations_location_id",
                table: "service_at_locations",
                column: "location_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_at_locations_service_id_location_id",
                table: "service_at_locations",
                columns: new[] { "service_id", "location_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_services_last_modified",
                table: "services",
                column: "last_modified");

            migrationBuilder.CreateIndex(
                name: "ix_services_listed",
                table: "services",
                column: "id",
                filter: "status = 'active' AND is_public AND withdrawn_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_services_organisation_id",
                table: "services",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_services_search_vector",
                table: "services",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_services_taxonomy_term_ids",
                table: "services",
                column: "taxonomy_term_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_taxonomy_terms_parent_id",
                table: "taxonomy_terms",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_taxonomy_terms_taxonomy_id",
                table: "taxonomy_terms",
                column: "taxonomy_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(GeoSql.DropFunctions);

            migrationBuilder.DropTable(
                name: "listing_changes");

            migrationBuilder.DropTable(
                name: "postcodes");

            migrationBuilder.DropTable(
                name: "search_words");

            migrationBuilder.DropTable(
                name: "service_at_locations");

            migrationBuilder.DropTable(
                name: "service_demand");

            migrationBuilder.DropTable(
                name: "taxonomy_terms");

            migrationBuilder.DropTable(
                name: "locations");

            migrationBuilder.DropTable(
                name: "services");

            migrationBuilder.DropTable(
                name: "taxonomies");

            migrationBuilder.DropIndex(
                name: "ix_organisations_name",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "identifiers",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "last_modified",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "logo",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "parent_organisation_id",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "uri",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "version",
                table: "organisations");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
