using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CareMesh.Referrals.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReferralWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "allocated_at",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "allocated_role",
                table: "referrals",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "allocated_to_name",
                table: "referrals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "allocated_to_user_id",
                table: "referrals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "carer",
                table: "referrals",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "complexity",
                table: "referrals",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Standard");

            migrationBuilder.AddColumn<string>(
                name: "consent",
                table: "referrals",
                type: "jsonb",
                nullable: false,
                defaultValue: "{\"toShare\":false,\"with\":[]}");

            migrationBuilder.AddColumn<string>(
                name: "contact",
                table: "referrals",
                type: "jsonb",
                nullable: false,
                defaultValue: "{\"isUnpaidCarer\":false}");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "decided_at",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decided_by_name",
                table: "referrals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "decision_needed_at",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decline_reason_code",
                table: "referrals",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decline_reason_text",
                table: "referrals",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_contact_at",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hold_reason",
                table: "referrals",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "hold_until",
                table: "referrals",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_contact_at",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "referrals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "named_clinician_name",
                table: "referrals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "named_clinician_user_id",
                table: "referrals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "needs",
                table: "referrals",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<DateOnly>(
                name: "next_contact_due",
                table: "referrals",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "next_steps",
                table: "referrals",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "referrals",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "plan_agreed_at",
                table: "referrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "possible_duplicate_of",
                table: "referrals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recorded_by_user_id",
                table: "referrals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "unknown");

            migrationBuilder.AddColumn<string>(
                name: "referrer",
                table: "referrals",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "risk_flags",
                table: "referrals",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "triaged_role",
                table: "referrals",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "referrals",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "what_matters",
                table: "referrals",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.id);
                    table.ForeignKey(
                        name: "fk_contacts_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    nhs_number = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    concern = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    clinician_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    clinician_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    raised_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    raised_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledge_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    times_raised = table.Column<int>(type: "integer", nullable: false),
                    flagged_to_team_lead_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    response = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalations", x => x.id);
                    table.ForeignKey(
                        name: "fk_escalations_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "onward_referrals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: true),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    receiver_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    organisation_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    receiver_contact = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    shared_summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    care_plan_action_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sent_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sent_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answer_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    answered_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    chase_flagged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    service_withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_onward_referrals", x => x.id);
                    table.ForeignKey(
                        name: "fk_onward_referrals_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "referral_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    to = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referral_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_referral_transitions_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "team_members",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    capacity = table.Column<double>(type: "double precision", nullable: false),
                    aligned_practices = table.Column<List<string>>(type: "text[]", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_members", x => x.user_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_allocated_to_user_id_received_at",
                table: "referrals",
                columns: new[] { "allocated_to_user_id", "received_at" },
                filter: "status IN ('Received', 'Triaged', 'Allocated', 'Accepted', 'InProgress', 'OnHold')");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_named_clinician_user_id",
                table: "referrals",
                column: "named_clinician_user_id",
                filter: "named_clinician_user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_referral_id_at",
                table: "contacts",
                columns: new[] { "referral_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_acknowledge_by",
                table: "escalations",
                column: "acknowledge_by",
                filter: "acknowledged_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_clinician_user_id",
                table: "escalations",
                column: "clinician_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_referral_id",
                table: "escalations",
                column: "referral_id");

            migrationBuilder.CreateIndex(
                name: "ix_onward_referrals_answer_by",
                table: "onward_referrals",
                column: "answer_by",
                filter: "status = 'Sent' AND chase_flagged_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_onward_referrals_organisation_id_sent_at",
                table: "onward_referrals",
                columns: new[] { "organisation_id", "sent_at" },
                filter: "organisation_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_onward_referrals_referral_id",
                table: "onward_referrals",
                column: "referral_id");

            migrationBuilder.CreateIndex(
                name: "ix_onward_referrals_service_id",
                table: "onward_referrals",
                column: "service_id",
                filter: "service_id IS NOT NULL AND status IN ('Sent', 'Accepted')");

            migrationBuilder.CreateIndex(
                name: "ix_referral_transitions_referral_id_at",
                table: "referral_transitions",
                columns: new[] { "referral_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contacts");

            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "onward_referrals");

            migrationBuilder.DropTable(
                name: "referral_transitions");

            migrationBuilder.DropTable(
                name: "team_members");

            migrationBuilder.DropIndex(
                name: "ix_referrals_allocated_to_user_id_received_at",
                table: "referrals");

            migrationBuilder.DropIndex(
                name: "ix_referrals_named_clinician_user_id",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "allocated_at",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "allocated_role",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "allocated_to_name",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "allocated_to_user_id",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "carer",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "complexity",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "consent",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "contact",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "decided_at",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "decided_by_name",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "decision_needed_at",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "decline_reason_code",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "decline_reason_text",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "first_contact_at",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "hold_reason",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "hold_until",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "last_contact_at",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "named_clinician_name",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "named_clinician_user_id",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "needs",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "next_contact_due",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "next_steps",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "plan_agreed_at",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "possible_duplicate_of",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "recorded_by_user_id",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "referrer",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "risk_flags",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "triaged_role",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "version",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "what_matters",
                table: "referrals");
        }
    }
}
