using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareMesh.Meetings.Data.Migrations
{
    /// <inheritdoc />
    public partial class MdtProgramme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "agenda_closes_at",
                table: "mdt_meetings",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "agenda_cut_off_working_days",
                table: "mdt_meetings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "chair_name",
                table: "mdt_meetings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "chair_user_id",
                table: "mdt_meetings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "core_members",
                table: "mdt_meetings",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "held_at",
                table: "mdt_meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "mdt_meetings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "CaseReview");

            migrationBuilder.AddColumn<List<string>>(
                name: "member_user_ids",
                table: "mdt_meetings",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<DateOnly>(
                name: "occurrence_date",
                table: "mdt_meetings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "organisation",
                table: "mdt_meetings",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "originally_starts_at",
                table: "mdt_meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "papers_circulated_at",
                table: "mdt_meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "papers_circulated_by",
                table: "mdt_meetings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "papers_deadline_hours",
                table: "mdt_meetings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "papers_due_at",
                table: "mdt_meetings",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "papers_late_flagged_at",
                table: "mdt_meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "quorum",
                table: "mdt_meetings",
                type: "jsonb",
                nullable: false,
                defaultValue: """{"requiredRoles":[],"minimumPresent":0}""");

            migrationBuilder.AddColumn<bool>(
                name: "quorum_met",
                table: "mdt_meetings",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "scope",
                table: "mdt_meetings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Pcn");

            migrationBuilder.AddColumn<Guid>(
                name: "series_id",
                table: "mdt_meetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "mdt_meetings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Scheduled");

            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "mdt_meetings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "mdt_meetings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "video_link",
                table: "mdt_meetings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            // Meetings from before the programme existed: their deadlines from their own start (values inlined, as at this migration).
            migrationBuilder.Sql("UPDATE mdt_meetings SET agenda_closes_at = starts_at, papers_due_at = starts_at - interval '24 hours', papers_deadline_hours = 24;");

            migrationBuilder.CreateTable(
                name: "agenda_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    nhs_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    asked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    minutes_allotted = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    proposal_id = table.Column<Guid>(type: "uuid", nullable: true),
                    carried_from_item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    added_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    added_after_cut_off = table.Column<bool>(type: "boolean", nullable: false),
                    decided_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agenda_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_agenda_items_mdt_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "mdt_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agenda_proposals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    source_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    nhs_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    practice_ods = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    flags = table.Column<List<string>>(type: "text[]", nullable: false),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agenda_item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dismissed_because = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agenda_proposals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "attendees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendees", x => x.id);
                    table.ForeignKey(
                        name: "fk_attendees_mdt_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "mdt_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "calendar_feeds",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    secret_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_feeds", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "mdt_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agenda_item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    nhs_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    owner_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    owner_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    owner_organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    chases = table.Column<int>(type: "integer", nullable: false),
                    last_chased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    escalated_to_chair_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mdt_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_mdt_actions_mdt_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "mdt_meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_series",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    organisation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    chair_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    chair_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    frequency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    interval = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    week = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    start_time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    video_link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    core_members = table.Column<string>(type: "jsonb", nullable: false),
                    quorum = table.Column<string>(type: "jsonb", nullable: false),
                    agenda_cut_off_working_days = table.Column<int>(type: "integer", nullable: false),
                    papers_deadline_hours = table.Column<int>(type: "integer", nullable: false),
                    scheduled_through = table.Column<DateOnly>(type: "date", nullable: false),
                    ended = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_series", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    nhs_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    given_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    family_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    practice_ods = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    referral_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    urgency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    complexity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    risk_flags = table.Column<List<string>>(type: "text[]", nullable: false),
                    needs = table.Column<List<string>>(type: "text[]", nullable: false),
                    care_coordinator_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    care_plan_id = table.Column<Guid>(type: "uuid", nullable: true),
                    plan_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    plan_version = table.Column<int>(type: "integer", nullable: true),
                    review_due = table.Column<DateOnly>(type: "date", nullable: true),
                    latest_escalation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    latest_escalation_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.nhs_number);
                });

            migrationBuilder.CreateTable(
                name: "minutes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agenda_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    situation = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    discussion = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    decisions = table.Column<string>(type: "jsonb", nullable: false),
                    next_steps = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    written_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finalised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finalised_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_minutes", x => x.id);
                    table.ForeignKey(
                        name: "fk_minutes_agenda_items_agenda_item_id",
                        column: x => x.agenda_item_id,
                        principalTable: "agenda_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mdt_action_chases",
                columns: table => new
                {
                    action_id = table.Column<Guid>(type: "uuid", nullable: false),
                    chase = table.Column<int>(type: "integer", nullable: false),
                    chased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    escalated_to_chair = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mdt_action_chases", x => new { x.action_id, x.chase });
                    table.ForeignKey(
                        name: "fk_mdt_action_chases_mdt_actions_action_id",
                        column: x => x.action_id,
                        principalTable: "mdt_actions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mdt_action_updates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    action_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    to_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mdt_action_updates", x => x.id);
                    table.ForeignKey(
                        name: "fk_mdt_action_updates_mdt_actions_action_id",
                        column: x => x.action_id,
                        principalTable: "mdt_actions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "minute_addenda",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    minute_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    added_by_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    added_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_minute_addenda", x => x.id);
                    table.ForeignKey(
                        name: "fk_minute_addenda_minutes_minute_id",
                        column: x => x.minute_id,
                        principalTable: "minutes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_mdt_meetings_member_user_ids",
                table: "mdt_meetings",
                column: "member_user_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_mdt_meetings_papers_due_at",
                table: "mdt_meetings",
                column: "papers_due_at",
                filter: "papers_circulated_at IS NULL AND papers_late_flagged_at IS NULL AND status = 'Scheduled'");

            migrationBuilder.CreateIndex(
                name: "ix_mdt_meetings_series_id_occurrence_date",
                table: "mdt_meetings",
                columns: new[] { "series_id", "occurrence_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_carried_from_item_id",
                table: "agenda_items",
                column: "carried_from_item_id",
                unique: true,
                filter: "carried_from_item_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_meeting_id_position",
                table: "agenda_items",
                columns: new[] { "meeting_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_nhs_number",
                table: "agenda_items",
                column: "nhs_number",
                filter: "nhs_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_agenda_proposals_proposed_at",
                table: "agenda_proposals",
                column: "proposed_at",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_agenda_proposals_source_source_key",
                table: "agenda_proposals",
                columns: new[] { "source", "source_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_attendees_meeting_id",
                table: "attendees",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_attendees_user_id",
                table: "attendees",
                column: "user_id",
                filter: "user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_feeds_secret_hash",
                table: "calendar_feeds",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mdt_action_updates_action_id_at",
                table: "mdt_action_updates",
                columns: new[] { "action_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_mdt_actions_due_on",
                table: "mdt_actions",
                column: "due_on",
                filter: "status IN ('Open', 'InProgress')");

            migrationBuilder.CreateIndex(
                name: "ix_mdt_actions_meeting_id",
                table: "mdt_actions",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_mdt_actions_nhs_number",
                table: "mdt_actions",
                column: "nhs_number",
                filter: "nhs_number IS NOT NULL AND status IN ('Open', 'InProgress')");

            migrationBuilder.CreateIndex(
                name: "ix_mdt_actions_owner_user_id_due_on",
                table: "mdt_actions",
                columns: new[] { "owner_user_id", "due_on" },
                filter: "status IN ('Open', 'InProgress')");

            migrationBuilder.CreateIndex(
                name: "ix_minute_addenda_minute_id",
                table: "minute_addenda",
                column: "minute_id");

            migrationBuilder.CreateIndex(
                name: "ix_minutes_agenda_item_id",
                table: "minutes",
                column: "agenda_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_minutes_meeting_id",
                table: "minutes",
                column: "meeting_id");

            // A final minute is locked and an addendum, once written, stays as written: corrections are new addenda.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION minutes_final_locked() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.status = 'Final' THEN
                        RAISE EXCEPTION 'minute % is final: add an addendum instead', OLD.id;
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER minutes_final_locked BEFORE UPDATE ON minutes
                    FOR EACH ROW EXECUTE FUNCTION minutes_final_locked();
                CREATE OR REPLACE FUNCTION minute_addenda_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'minute_addenda rows are never changed';
                END $$;
                CREATE TRIGGER minute_addenda_unchanged BEFORE UPDATE ON minute_addenda
                    FOR EACH ROW EXECUTE FUNCTION minute_addenda_unchanged();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS minutes_final_locked ON minutes; DROP FUNCTION IF EXISTS minutes_final_locked();");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS minute_addenda_unchanged ON minute_addenda; DROP FUNCTION IF EXISTS minute_addenda_unchanged();");
            migrationBuilder.DropTable(
                name: "agenda_proposals");

            migrationBuilder.DropTable(
                name: "attendees");

            migrationBuilder.DropTable(
                name: "calendar_feeds");

            migrationBuilder.DropTable(
                name: "mdt_action_chases");

            migrationBuilder.DropTable(
                name: "mdt_action_updates");

            migrationBuilder.DropTable(
                name: "meeting_series");

            migrationBuilder.DropTable(
                name: "minute_addenda");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "mdt_actions");

            migrationBuilder.DropTable(
                name: "minutes");

            migrationBuilder.DropTable(
                name: "agenda_items");

            migrationBuilder.DropIndex(
                name: "ix_mdt_meetings_member_user_ids",
                table: "mdt_meetings");

            migrationBuilder.DropIndex(
                name: "ix_mdt_meetings_papers_due_at",
                table: "mdt_meetings");

            migrationBuilder.DropIndex(
                name: "ix_mdt_meetings_series_id_occurrence_date",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "agenda_closes_at",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "agenda_cut_off_working_days",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "chair_name",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "chair_user_id",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "core_members",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "held_at",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "member_user_ids",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "occurrence_date",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "organisation",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "originally_starts_at",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "papers_circulated_at",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "papers_circulated_by",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "papers_deadline_hours",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "papers_due_at",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "papers_late_flagged_at",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "quorum",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "quorum_met",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "scope",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "series_id",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "status",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "status_reason",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "version",
                table: "mdt_meetings");

            migrationBuilder.DropColumn(
                name: "video_link",
                table: "mdt_meetings");
        }
    }
}
