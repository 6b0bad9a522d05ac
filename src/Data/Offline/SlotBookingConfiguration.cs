using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="SlotBooking"/> is stored.</summary>
public sealed class SlotBookingConfiguration : IEntityTypeConfiguration<SlotBooking>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<SlotBooking> builder)
    {
        builder.ToTable("SlotBookings");
        builder.HasIndex(b => new { b.TenantId, b.OrderId }).IsUnique();
        builder.HasIndex(b => new { b.TenantId, b.SlotId });
        builder.Property(b => b.BookedBy).HasMaxLength(256);
        builder.HasOne<School>().WithMany().HasForeignKey(b => b.TenantId);
        builder.HasOne<SessionSlot>().WithMany().HasForeignKey(b => b.SlotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(b => b.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
