using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forgetless.Data.Configurations;

internal sealed class MetricPointConfiguration : IEntityTypeConfiguration<MetricPoint>
{
    public const string CurveIndexName = "IX_MetricPoints_RunId_Name_Step";

    public void Configure(EntityTypeBuilder<MetricPoint> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(64);
        // A run's curve is read by (run, metric) in step order.
        builder.HasIndex(m => new { m.RunId, m.Name, m.Step }).HasDatabaseName(CurveIndexName);
    }
}
