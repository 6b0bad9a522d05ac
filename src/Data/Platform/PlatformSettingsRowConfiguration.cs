using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Photocollect.Data;

/// <summary>How <see cref="PlatformSettingsRow"/> is stored.</summary>
public sealed class PlatformSettingsRowConfiguration : IEntityTypeConfiguration<PlatformSettingsRow>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<PlatformSettingsRow> builder)
    {
        builder.ToTable("PlatformSettings");
        builder.HasKey(r => r.Section);
        builder.Property(r => r.Section).HasMaxLength(64);
        builder.Property(r => r.Json).HasColumnType("jsonb");
    }
}
