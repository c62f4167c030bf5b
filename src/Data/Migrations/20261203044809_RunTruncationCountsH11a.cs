using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forgetless.Data.Migrations
{
    /// <inheritdoc />
    public partial class RunTruncationCountsH11a : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PreferencePairs",
                table: "Runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SftExamples",
                table: "Runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TruncatedPreferencePairs",
                table: "Runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TruncatedSftExamples",
                table: "Runs",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreferencePairs",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "SftExamples",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "TruncatedPreferencePairs",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "TruncatedSftExamples",
                table: "Runs");
        }
    }
}
