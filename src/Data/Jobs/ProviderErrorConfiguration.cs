using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="ProviderError"/> is stored.</summary>
public sealed class ProviderErrorConfiguration : IEntityTypeConfiguration<ProviderError>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<ProviderError> builder)
    {
        builder.ToTable("ProviderErrors");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(e => new { e.TenantId, e.At });
        builder.HasIndex(e => e.At);
        builder.Property(e => e.Provider).HasMaxLength(24);
        builder.Property(e => e.Operation).HasMaxLength(24);
        builder.Property(e => e.Reference).HasMaxLength(64);
        builder.Property(e => e.Message).HasMaxLength(500);
        builder.HasOne<School>().WithMany().HasForeignKey(e => e.TenantId);
    }
}
