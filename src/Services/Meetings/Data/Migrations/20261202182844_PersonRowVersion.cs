using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareMesh.Meetings.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonRowVersion : Migration
    {
        // The people row's concurrency token is PostgreSQL's xmin, a system column every row already has:
        // the model gains it, the table needs nothing.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
