using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forgetless.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExperimentSeedsAndInterpolation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExperimentSeeds",
                columns: table => new
                {
                    ExperimentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    IdealSft = table.Column<double>(type: "REAL", nullable: true),
                    IdealDpo = table.Column<double>(type: "REAL", nullable: true),
                    ReferenceRunId = table.Column<int>(type: "INTEGER", nullable: true),
                    InterpolationJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperimentSeeds", x => new { x.ExperimentId, x.Seed });
                    table.ForeignKey(
                        name: "FK_ExperimentSeeds_Experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "Experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Experiments made before seeds ran one seed: its row repeats the experiment's ideal point and reference.
            migrationBuilder.Sql(
                "INSERT INTO ExperimentSeeds (ExperimentId, Seed, IdealSft, IdealDpo, ReferenceRunId) " +
                "SELECT e.Id, COALESCE((SELECT MIN(r.Seed) FROM Runs r WHERE r.ExperimentId = e.Id), 1), e.IdealSft, e.IdealDpo, e.ReferenceRunId FROM Experiments e;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExperimentSeeds");
        }
    }
}
