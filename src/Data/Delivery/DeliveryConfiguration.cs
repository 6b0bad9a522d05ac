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

/// <summary>How <see cref="SchoolApiKey"/> is stored.</summary>
public sealed class SchoolApiKeyConfiguration : IEntityTypeConfiguration<SchoolApiKey>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<SchoolApiKey> builder)
    {
        builder.ToTable("SchoolApiKeys");
        builder.HasIndex(k => new { k.TenantId, k.Hash }).IsUnique();
        builder.HasIndex(k => new { k.TenantId, k.CreatedAt });
        builder.Property(k => k.Name).HasMaxLength(50);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.HasOne<School>().WithMany().HasForeignKey(k => k.TenantId);
    }
}

/// <summary>How <see cref="DataExport"/> is stored.</summary>
public sealed class DataExportConfiguration : IEntityTypeConfiguration<DataExport>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DataExport> builder)
    {
        builder.ToTable("DataExports");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(e => new { e.TenantId, e.At });
        builder.Property(e => e.Kind).HasMaxLength(40);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.Address).HasMaxLength(64);
        builder.HasOne<School>().WithMany().HasForeignKey(e => e.TenantId);
    }
}
