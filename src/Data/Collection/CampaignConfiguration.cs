using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="Campaign"/> is stored.</summary>
public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("Campaigns");
        builder.HasIndex(c => new { c.TenantId, c.StartsAt });
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.CaptureMode).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.DeliveryNaming).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Verification).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.FeatureCode).HasMaxLength(16);
        builder.Property(c => c.SupportPhone).HasMaxLength(40);
        builder.Property(c => c.SupportHours).HasMaxLength(100);
        builder.Property(c => c.VisionThresholds).HasColumnType("jsonb");
        builder.HasOne<School>().WithMany().HasForeignKey(c => c.TenantId);
    }
}
