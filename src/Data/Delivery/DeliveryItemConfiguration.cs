using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="DeliveryItem"/> is stored.</summary>
public sealed class DeliveryItemConfiguration : IEntityTypeConfiguration<DeliveryItem>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DeliveryItem> builder)
    {
        builder.ToTable("DeliveryItems");
        builder.HasKey(i => new { i.BatchId, i.OrderId });
        builder.HasIndex(i => new { i.TenantId, i.OrderId });
        // The retention purge asks when each record's photo was delivered.
        builder.HasIndex(i => new { i.TenantId, i.RecordId });
        builder.HasIndex(i => new { i.TenantId, i.BatchId, i.FileName }).IsUnique();
        builder.Property(i => i.FileName).HasMaxLength(100);
        builder.Property(i => i.WantedName).HasMaxLength(100);
        builder.HasOne<School>().WithMany().HasForeignKey(i => i.TenantId);
        builder.HasOne<DeliveryBatch>().WithMany().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Order>().WithMany().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
