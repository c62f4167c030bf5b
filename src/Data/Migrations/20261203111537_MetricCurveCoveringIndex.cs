using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forgetless.Data.Migrations
{
    /// <inheritdoc />
    public partial class MetricCurveCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MetricPoints_RunId_Name_Step",
                table: "MetricPoints");

            migrationBuilder.CreateIndex(
                name: "IX_MetricPoints_RunId_Name_Step_Value",
                table: "MetricPoints",
                columns: new[] { "RunId", "Name", "Step", "Value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MetricPoints_RunId_Name_Step_Value",
                table: "MetricPoints");

            migrationBuilder.CreateIndex(
                name: "IX_MetricPoints_RunId_Name_Step",
                table: "MetricPoints",
                columns: new[] { "RunId", "Name", "Step" });
        }
    }
}
