using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="DataExport"/> is stored.</summary>
public sealed class DataExportConfiguration : IEntityTypeConfiguration<DataExport>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DataExport> builder)
    {
        builder.ToTable("DataExports");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(e => new { e.TenantId, e.At });
        builder.Property(e => e.Kind).HasMaxLength(40);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.Address).HasMaxLength(64);
        builder.HasOne<School>().WithMany().HasForeignKey(e => e.TenantId);
    }
}
