using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="SmsCode"/> is stored.</summary>
public sealed class SmsCodeConfiguration : IEntityTypeConfiguration<SmsCode>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<SmsCode> builder)
    {
        builder.ToTable("SmsCodes");
        builder.HasIndex(c => new { c.TenantId, c.Phone, c.CreatedAt });
        builder.HasIndex(c => new { c.RequestIp, c.CreatedAt });
        builder.Property(c => c.Phone).HasMaxLength(11);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.RequestIp).HasMaxLength(45);
        builder.HasOne<School>().WithMany().HasForeignKey(c => c.TenantId);
    }
}
