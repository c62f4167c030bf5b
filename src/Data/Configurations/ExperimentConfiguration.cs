using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forgetless.Data.Configurations;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(200);
        // A dataset in use by an experiment cannot be deleted out from under it.
        builder.HasOne(e => e.SftDataset).WithMany().HasForeignKey(e => e.SftDatasetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.PreferenceDataset).WithMany().HasForeignKey(e => e.PreferenceDatasetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Model>().WithMany().HasForeignKey(e => e.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Runs).WithOne(r => r.Experiment).HasForeignKey(r => r.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.CreatedAt);
        builder.Property(e => e.TrashedBy).HasMaxLength(200);
    }
}
