using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forgetless.Data.Configurations;

internal sealed class ExperimentSeedConfiguration : IEntityTypeConfiguration<ExperimentSeed>
{
    public void Configure(EntityTypeBuilder<ExperimentSeed> builder)
    {
        builder.HasKey(s => new { s.ExperimentId, s.Seed });
        builder.HasOne<Experiment>().WithMany(e => e.Seeds).HasForeignKey(s => s.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }
}
