using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareMesh.CarePlans.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewsAndMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "measurements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    measured_on = table.Column<DateOnly>(type: "date", nullable: false),
                    is_baseline = table.Column<bool>(type: "boolean", nullable: false),
                    score = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    level = table.Column<int>(type: "integer", nullable: true),
                    answers = table.Column<List<int>>(type: "integer[]", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    review_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measurements", x => x.id);
                    table.ForeignKey(
                        name: "fk_measurements_care_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "care_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reviewed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    what_changed = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    next_review_due = table.Column<DateOnly>(type: "date", nullable: false),
                    by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_reviews_care_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "care_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_measurements_plan_id_kind",
                table: "measurements",
                columns: new[] { "plan_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_reviews_plan_id",
                table: "plan_reviews",
                column: "plan_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measurements");

            migrationBuilder.DropTable(
                name: "plan_reviews");
        }
    }
}
