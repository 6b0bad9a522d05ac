using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="Photo"/> is stored.</summary>
public sealed class PhotoConfiguration : IEntityTypeConfiguration<Photo>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Photo> builder)
    {
        builder.ToTable("Photos");
        builder.HasIndex(p => new { p.TenantId, p.RecordId, p.CreatedAt });
        builder.Property(p => p.Checks).HasColumnType("jsonb");
        builder.Property(p => p.Marks).HasColumnType("jsonb");
        builder.HasOne<School>().WithMany().HasForeignKey(p => p.TenantId);
        builder.HasOne<StudentRecord>().WithMany().HasForeignKey(p => p.RecordId).OnDelete(DeleteBehavior.Restrict);
    }
}
