using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="Refund"/> is stored.</summary>
public sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("Refunds");
        builder.HasIndex(r => new { r.TenantId, r.PaymentId });
        builder.HasIndex(r => new { r.TenantId, r.State });
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.Reason).HasMaxLength(80);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ProviderReference).HasMaxLength(64);
        builder.Property(r => r.RequestedBy).HasMaxLength(64);
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
        builder.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
