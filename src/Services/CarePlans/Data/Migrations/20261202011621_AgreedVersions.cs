using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareMesh.CarePlans.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgreedVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "review_due",
                table: "care_plans",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "review_due_announced_for",
                table: "care_plans",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "plan_versions",
                columns: table => new
                {
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agreed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    carer_present = table.Column<bool>(type: "boolean", nullable: false),
                    agreed_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    agreed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    review_due = table.Column<DateOnly>(type: "date", nullable: false),
                    sharing = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    snapshot = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_versions", x => new { x.plan_id, x.number });
                    table.ForeignKey(
                        name: "fk_plan_versions_care_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "care_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_care_plans_review_due",
                table: "care_plans",
                column: "review_due",
                filter: "status = 'agreed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_versions");

            migrationBuilder.DropIndex(
                name: "ix_care_plans_review_due",
                table: "care_plans");

            migrationBuilder.DropColumn(
                name: "review_due",
                table: "care_plans");

            migrationBuilder.DropColumn(
                name: "review_due_announced_for",
                table: "care_plans");
        }
    }
}
