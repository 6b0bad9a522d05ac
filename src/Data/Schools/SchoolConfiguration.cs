using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="School"/> is stored.</summary>
public sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<School> builder)
    {
        builder.ToTable("Schools");
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => s.SchoolCode).IsUnique();
        builder.Property(s => s.Slug).HasMaxLength(40);
        builder.Property(s => s.DisplayName).HasMaxLength(100);
        builder.Property(s => s.SchoolCode).HasMaxLength(6).IsFixedLength();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.OwnsOne(s => s.Branding, b =>
        {
            b.Property(x => x.ShortName).HasMaxLength(40);
            b.Property(x => x.LogoUrl).HasMaxLength(500);
            b.Property(x => x.PrimaryColor).HasMaxLength(7);
        });
    }
}
