using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="Payment"/> is stored.</summary>
public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.HasIndex(p => new { p.TenantId, p.OrderId });
        // One successful payment per order, whatever arrives twice.
        builder.HasIndex(p => new { p.TenantId, p.OrderId }).IsUnique().HasFilter("\"State\" = 'succeeded'")
            .HasDatabaseName("IX_Payments_TenantId_OrderId_Succeeded");
        builder.Property(p => p.Provider).HasMaxLength(16);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.State).HasMaxLength(16);
        builder.Property(p => p.ProviderReference).HasMaxLength(64);
        builder.Property(p => p.ProviderCheckout).HasMaxLength(128);
        builder.HasOne<School>().WithMany().HasForeignKey(p => p.TenantId);
        builder.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
