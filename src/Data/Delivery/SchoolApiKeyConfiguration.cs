using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="SchoolApiKey"/> is stored.</summary>
public sealed class SchoolApiKeyConfiguration : IEntityTypeConfiguration<SchoolApiKey>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<SchoolApiKey> builder)
    {
        builder.ToTable("SchoolApiKeys");
        builder.HasIndex(k => new { k.TenantId, k.Hash }).IsUnique();
        builder.HasIndex(k => new { k.TenantId, k.CreatedAt });
        builder.Property(k => k.Name).HasMaxLength(50);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.HasOne<School>().WithMany().HasForeignKey(k => k.TenantId);
    }
}
