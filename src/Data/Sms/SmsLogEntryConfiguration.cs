using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="SmsLogEntry"/> is stored.</summary>
public sealed class SmsLogEntryConfiguration : IEntityTypeConfiguration<SmsLogEntry>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<SmsLogEntry> builder)
    {
        builder.ToTable("SmsLog");
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(m => new { m.TenantId, m.Phone, m.At });
        builder.HasIndex(m => new { m.TenantId, m.At });
        builder.Property(m => m.Phone).HasMaxLength(20);
        builder.Property(m => m.Template).HasMaxLength(32);
        builder.Property(m => m.Parameters).HasColumnType("jsonb");
        builder.Property(m => m.Text).HasMaxLength(500);
        builder.Property(m => m.Provider).HasMaxLength(24);
        builder.Property(m => m.Outcome).HasMaxLength(16);
        builder.Property(m => m.Error).HasMaxLength(500);
        builder.HasOne<School>().WithMany().HasForeignKey(m => m.TenantId);
    }
}
