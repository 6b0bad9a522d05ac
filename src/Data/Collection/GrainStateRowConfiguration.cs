using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="GrainStateRow"/> is stored.</summary>
public sealed class GrainStateRowConfiguration : IEntityTypeConfiguration<GrainStateRow>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<GrainStateRow> builder)
    {
        builder.ToTable("GrainStates");
        builder.HasKey(r => new { r.TenantId, r.GrainType, r.GrainId });
        builder.Property(r => r.GrainType).HasMaxLength(32);
        builder.Property(r => r.GrainId).HasMaxLength(64);
        builder.Property(r => r.Json).HasColumnType("jsonb");
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
    }
}
