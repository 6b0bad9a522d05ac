using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="AuditEvent"/> is stored.</summary>
public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(e => new { e.TenantId, e.At });
        builder.HasIndex(e => new { e.TenantId, e.Action, e.At });
        builder.Property(e => e.Who).HasMaxLength(256);
        builder.Property(e => e.Roles).HasMaxLength(100);
        builder.Property(e => e.Address).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.Details).HasColumnType("jsonb");
        builder.HasOne<School>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
