using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareMesh.CarePlans.Data.Migrations
{
    /// <inheritdoc />
    public partial class MdtActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "mdt_action_id",
                table: "plan_actions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "mdt_assigned_at",
                table: "plan_actions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_actions_mdt_action_id",
                table: "plan_actions",
                column: "mdt_action_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_plan_actions_mdt_action_id",
                table: "plan_actions");

            migrationBuilder.DropColumn(
                name: "mdt_action_id",
                table: "plan_actions");

            migrationBuilder.DropColumn(
                name: "mdt_assigned_at",
                table: "plan_actions");
        }
    }
}
