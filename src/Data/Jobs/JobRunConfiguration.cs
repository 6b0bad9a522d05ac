using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Photocollect.Data;

/// <summary>How <see cref="JobRun"/> is stored.</summary>
public sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(r => new { r.Job, r.StartedAt });
        builder.HasIndex(r => r.StartedAt);
        builder.Property(r => r.Job).HasMaxLength(40);
        builder.Property(r => r.Error).HasMaxLength(1000);
    }
}
