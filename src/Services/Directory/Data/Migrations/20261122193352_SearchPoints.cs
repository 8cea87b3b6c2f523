using System;
using CareMesh.Directory.Search;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CareMesh.Directory.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchPoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "search_points",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<NpgsqlPoint>(type: "point", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false),
                    taxonomy_term_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    minimum_age = table.Column<int>(type: "integer", nullable: true),
                    maximum_age = table.Column<int>(type: "integer", nullable: true),
                    is_free = table.Column<bool>(type: "boolean", nullable: false),
                    capacity = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    open_days = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_points", x => new { x.service_id, x.location_id });
                    table.ForeignKey(
                        name: "fk_search_points_locations_location_id",
                        column: x => x.location_id,
                        principalTable: "locations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_search_points_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_search_points_location_id",
                table: "search_points",
                column: "location_id");

            // Kept in step by triggers; filled here for listings that exist already.
            migrationBuilder.Sql(SearchPointsSql.Create);
            migrationBuilder.Sql("SELECT refresh_search_points(ARRAY(SELECT id FROM services));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchPointsSql.Drop);

            migrationBuilder.DropTable(
                name: "search_points");
        }
    }
}
