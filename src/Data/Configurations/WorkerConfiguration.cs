using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forgetless.Data.Configurations;

internal sealed class WorkerConfiguration : IEntityTypeConfiguration<Worker>
{
    public void Configure(EntityTypeBuilder<Worker> builder)
    {
        builder.HasKey(w => w.Name);
        builder.Property(w => w.Name).HasMaxLength(128);
        builder.Property(w => w.Host).HasMaxLength(128);
        builder.Property(w => w.Device).HasMaxLength(16);
    }
}

internal sealed class RunStretchConfiguration : IEntityTypeConfiguration<RunStretch>
{
    public void Configure(EntityTypeBuilder<RunStretch> builder)
    {
        builder.Property(s => s.Worker).HasMaxLength(128);
        builder.Property(s => s.Outcome).HasMaxLength(16);
        builder.HasIndex(s => new { s.RunId, s.Attempt });
        builder.HasOne<Run>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
