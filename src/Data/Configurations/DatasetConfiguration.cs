using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forgetless.Data.Configurations;

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    public void Configure(EntityTypeBuilder<Dataset> builder)
    {
        builder.HasIndex(d => d.ContentHash).IsUnique();
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.Property(d => d.Name).HasMaxLength(200);
    }
}
