using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareMesh.Directory.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListedServiceCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Kept by triggers; the feed recounts into it when its row is missing.
            migrationBuilder.Sql(CareMesh.Directory.OpenReferral.ListedServiceCount.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CareMesh.Directory.OpenReferral.ListedServiceCount.Drop);
        }
    }
}
