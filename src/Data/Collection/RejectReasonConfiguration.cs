using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="RejectReason"/> is stored.</summary>
public sealed class RejectReasonConfiguration : IEntityTypeConfiguration<RejectReason>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<RejectReason> builder)
    {
        builder.ToTable("RejectReasons");
        builder.HasIndex(r => new { r.TenantId, r.Code }).IsUnique();
        builder.Property(r => r.Code).HasMaxLength(40);
        builder.Property(r => r.Title).HasMaxLength(100);
        builder.Property(r => r.Fix).HasMaxLength(300);
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
    }
}
