using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forgetless.Data.Configurations;

internal sealed class ModelConfiguration : IEntityTypeConfiguration<Model>
{
    public void Configure(EntityTypeBuilder<Model> builder)
    {
        builder.HasIndex(m => m.ContentHash).IsUnique(); // SQLite allows many NULLs (the presets)
        builder.Property(m => m.ContentHash).HasMaxLength(64);
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Architecture).HasMaxLength(100);
        builder.Property(m => m.StoredFolder).HasMaxLength(200);
    }
}
