using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="TenantSettingsRow"/> is stored.</summary>
public sealed class TenantSettingsRowConfiguration : IEntityTypeConfiguration<TenantSettingsRow>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<TenantSettingsRow> builder)
    {
        builder.ToTable("TenantSettings");
        builder.HasKey(r => new { r.TenantId, r.Section });
        builder.Property(r => r.Section).HasMaxLength(64);
        builder.Property(r => r.Json).HasColumnType("jsonb");
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
    }
}
