using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="CollectionSession"/> is stored.</summary>
public sealed class CollectionSessionConfiguration : IEntityTypeConfiguration<CollectionSession>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<CollectionSession> builder)
    {
        builder.ToTable("CollectionSessions");
        builder.HasIndex(s => new { s.TenantId, s.CampaignId, s.Day });
        builder.Property(s => s.Place).HasMaxLength(100);
        builder.HasOne<School>().WithMany().HasForeignKey(s => s.TenantId);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>How <see cref="SessionSlot"/> is stored.</summary>
public sealed class SessionSlotConfiguration : IEntityTypeConfiguration<SessionSlot>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<SessionSlot> builder)
    {
        builder.ToTable("SessionSlots");
        builder.HasIndex(s => new { s.TenantId, s.SessionId, s.StartsAt });
        builder.HasOne<School>().WithMany().HasForeignKey(s => s.TenantId);
        builder.HasOne<CollectionSession>().WithMany().HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

/// <summary>How <see cref="RecordCorrection"/> is stored.</summary>
public sealed class RecordCorrectionConfiguration : IEntityTypeConfiguration<RecordCorrection>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<RecordCorrection> builder)
    {
        builder.ToTable("RecordCorrections");
        builder.HasIndex(c => new { c.TenantId, c.RecordId, c.At });
        builder.Property(c => c.Field).HasMaxLength(20);
        builder.Property(c => c.OldValue).HasMaxLength(100);
        builder.Property(c => c.NewValue).HasMaxLength(100);
        builder.Property(c => c.Reason).HasMaxLength(200);
        builder.Property(c => c.By).HasMaxLength(256);
        builder.HasOne<School>().WithMany().HasForeignKey(c => c.TenantId);
        builder.HasOne<StudentRecord>().WithMany().HasForeignKey(c => c.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}
