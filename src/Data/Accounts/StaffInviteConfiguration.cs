using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="StaffInvite"/> is stored.</summary>
public sealed class StaffInviteConfiguration : IEntityTypeConfiguration<StaffInvite>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<StaffInvite> builder)
    {
        builder.ToTable("StaffInvites");
        builder.HasIndex(i => new { i.TenantId, i.TokenHash }).IsUnique();
        builder.HasIndex(i => new { i.TenantId, i.CreatedAt });
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.Phone).HasMaxLength(20);
        builder.Property(i => i.Role).HasMaxLength(32);
        builder.Property(i => i.CreatedBy).HasMaxLength(256);
        builder.HasOne<School>().WithMany().HasForeignKey(i => i.TenantId);
    }
}
