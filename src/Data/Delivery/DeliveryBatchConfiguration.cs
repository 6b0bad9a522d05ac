using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="DeliveryBatch"/> is stored.</summary>
public sealed class DeliveryBatchConfiguration : IEntityTypeConfiguration<DeliveryBatch>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DeliveryBatch> builder)
    {
        builder.ToTable("DeliveryBatches");
        builder.HasIndex(b => new { b.TenantId, b.Number }).IsUnique();
        builder.HasIndex(b => new { b.TenantId, b.CampaignId, b.CreatedAt });
        builder.Property(b => b.Level).HasMaxLength(20);
        builder.Property(b => b.College).HasMaxLength(100);
        builder.Property(b => b.Naming).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<School>().WithMany().HasForeignKey(b => b.TenantId);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(b => b.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}
