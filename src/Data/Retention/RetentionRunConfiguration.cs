using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="RetentionRun"/> is stored.</summary>
public sealed class RetentionRunConfiguration : IEntityTypeConfiguration<RetentionRun>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<RetentionRun> builder)
    {
        builder.ToTable("RetentionRuns");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(r => new { r.TenantId, r.RanAt });
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
    }
}
