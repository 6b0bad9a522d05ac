using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

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
