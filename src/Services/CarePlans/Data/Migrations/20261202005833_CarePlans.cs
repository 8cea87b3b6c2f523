using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareMesh.CarePlans.Data.Migrations
{
    /// <inheritdoc />
    public partial class CarePlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "care_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    nhs_number = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    practice_ods = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    version_number = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    sections = table.Column<string>(type: "jsonb", nullable: false),
                    care_coordinator_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_reason = table.Column<string>(type: "character varying(1100)", maxLength: 1100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_care_plans_patients_nhs_number",
                        column: x => x.nhs_number,
                        principalTable: "patients",
                        principalColumn: "nhs_number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_care_plans_care_coordinator_user_id",
                table: "care_plans",
                column: "care_coordinator_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_care_plans_nhs_number",
                table: "care_plans",
                column: "nhs_number",
                unique: true,
                filter: "status <> 'closed'");

            migrationBuilder.CreateIndex(
                name: "ix_care_plans_referral_id",
                table: "care_plans",
                column: "referral_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "care_plans");
        }
    }
}
