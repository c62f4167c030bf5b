using Forgetless.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forgetless.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Actor).HasMaxLength(64);
        builder.Property(a => a.Action).HasMaxLength(32);
        builder.Property(a => a.TargetKind).HasMaxLength(16);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.HasIndex(a => new { a.TargetKind, a.TargetId });
        builder.HasIndex(a => a.ExperimentId);
    }
}
