using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="PhotoFile"/> is stored.</summary>
public sealed class PhotoFileConfiguration : IEntityTypeConfiguration<PhotoFile>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<PhotoFile> builder)
    {
        // The bytes of photos sit in tables of their own, so the rows pages read stay small (a query of Photos or
        // StudentRecords never carries an upload of up to 15 MB or an admission photo).
        builder.ToTable("PhotoFiles");
        builder.HasKey(f => f.PhotoId);
        builder.HasOne<School>().WithMany().HasForeignKey(f => f.TenantId);
        builder.HasOne<Photo>().WithOne().HasForeignKey<PhotoFile>(f => f.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}
