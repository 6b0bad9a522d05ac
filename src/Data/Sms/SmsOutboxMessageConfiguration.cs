using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="SmsOutboxMessage"/> is stored.</summary>
public sealed class SmsOutboxMessageConfiguration : IEntityTypeConfiguration<SmsOutboxMessage>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<SmsOutboxMessage> builder)
    {
        builder.ToTable("SmsOutbox");
        builder.HasIndex(m => new { m.TenantId, m.CreatedAt });
        builder.Property(m => m.Phone).HasMaxLength(20);
        builder.Property(m => m.Text).HasMaxLength(500);
        builder.HasOne<School>().WithMany().HasForeignKey(m => m.TenantId);
    }
}
