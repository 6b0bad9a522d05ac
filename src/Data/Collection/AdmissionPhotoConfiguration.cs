using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="AdmissionPhoto"/> is stored.</summary>
public sealed class AdmissionPhotoConfiguration : IEntityTypeConfiguration<AdmissionPhoto>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<AdmissionPhoto> builder)
    {
        builder.ToTable("AdmissionPhotos");
        builder.HasKey(a => a.RecordId);
        builder.HasOne<School>().WithMany().HasForeignKey(a => a.TenantId);
        builder.HasOne<StudentRecord>().WithOne().HasForeignKey<AdmissionPhoto>(a => a.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}
