using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="SchoolLogo"/> is stored.</summary>
public sealed class SchoolLogoConfiguration : IEntityTypeConfiguration<SchoolLogo>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<SchoolLogo> builder)
    {
        builder.ToTable("SchoolLogos");
        builder.HasKey(l => l.TenantId);
        builder.Property(l => l.ContentType).HasMaxLength(32);
        builder.HasOne<School>().WithOne().HasForeignKey<SchoolLogo>(l => l.TenantId);
    }
}
