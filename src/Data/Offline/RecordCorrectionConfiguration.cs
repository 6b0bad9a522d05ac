using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

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
