using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="Order"/> is stored.</summary>
public sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("Orders");
        builder.HasIndex(o => new { o.TenantId, o.Number }).IsUnique();
        builder.HasIndex(o => new { o.TenantId, o.Status, o.UpdatedAt });
        builder.HasIndex(o => new { o.TenantId, o.AccountId, o.CreatedAt });
        // At most one open collection order per record, whatever the application does (reprints are extra).
        builder.HasIndex(o => new { o.TenantId, o.RecordId }).IsUnique().HasFilter("\"Status\" NOT IN ('Closed', 'Refunded') AND \"Kind\" <> 'Reprint'")
            .HasDatabaseName("IX_Orders_TenantId_RecordId_Open");
        builder.Property(o => o.Number).HasMaxLength(24);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.PaymentReference).HasMaxLength(64);
        builder.Property(o => o.RejectReason).HasMaxLength(40);
        builder.Property(o => o.History).HasColumnType("jsonb");
        builder.Property(o => o.Version).IsRowVersion();
        builder.HasOne<School>().WithMany().HasForeignKey(o => o.TenantId);
        builder.HasOne<StudentRecord>().WithMany().HasForeignKey(o => o.RecordId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}
