using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forgetless.Data.Migrations
{
    /// <inheritdoc />
    public partial class Models : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ModelId",
                table: "Experiments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Models",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Architecture = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ParameterCount = table.Column<long>(type: "INTEGER", nullable: false),
                    VocabSize = table.Column<int>(type: "INTEGER", nullable: true),
                    StoredFolder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Models", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_ModelId",
                table: "Experiments",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_Models_ContentHash",
                table: "Models",
                column: "ContentHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Experiments_Models_ModelId",
                table: "Experiments",
                column: "ModelId",
                principalTable: "Models",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Experiments_Models_ModelId",
                table: "Experiments");

            migrationBuilder.DropTable(
                name: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Experiments_ModelId",
                table: "Experiments");

            migrationBuilder.DropColumn(
                name: "ModelId",
                table: "Experiments");
        }
    }
}
