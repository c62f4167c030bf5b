using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forgetless.Data.Configurations;

internal sealed class RunConfiguration : IEntityTypeConfiguration<Run>
{
    public void Configure(EntityTypeBuilder<Run> builder)
    {
        builder.Property(r => r.Schedule).HasMaxLength(64);
        // The queue takes the oldest Queued run: (Status, Id) answers that without a scan.
        builder.HasIndex(r => new { r.Status, r.Id });
        builder.HasMany<MetricPoint>().WithOne().HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
