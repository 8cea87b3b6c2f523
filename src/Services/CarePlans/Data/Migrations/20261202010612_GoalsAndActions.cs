using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareMesh.CarePlans.Data.Migrations
{
    /// <inheritdoc />
    public partial class GoalsAndActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "goals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    target_date = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_goals", x => x.id);
                    table.ForeignKey(
                        name: "fk_goals_care_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "care_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    goal_id = table.Column<Guid>(type: "uuid", nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    owner_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    owner_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    owner_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    owner_role = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    service_id = table.Column<Guid>(type: "uuid", nullable: true),
                    service_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    onward_referral = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    onward_referral_id = table.Column<Guid>(type: "uuid", nullable: true),
                    onward_referral_outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    service_withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    service_withdrawn_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_actions_care_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "care_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_history",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    to_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    note = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_history_care_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "care_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_goals_plan_id",
                table: "goals",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_actions_plan_id",
                table: "plan_actions",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_actions_service_id",
                table: "plan_actions",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_history_plan_id",
                table: "plan_history",
                column: "plan_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "goals");

            migrationBuilder.DropTable(
                name: "plan_actions");

            migrationBuilder.DropTable(
                name: "plan_history");
        }
    }
}
