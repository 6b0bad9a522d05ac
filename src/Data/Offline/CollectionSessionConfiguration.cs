using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>How <see cref="CollectionSession"/> is stored.</summary>
public sealed class CollectionSessionConfiguration : IEntityTypeConfiguration<CollectionSession>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<CollectionSession> builder)
    {
        builder.ToTable("CollectionSessions");
        builder.HasIndex(s => new { s.TenantId, s.CampaignId, s.Day });
        builder.Property(s => s.Place).HasMaxLength(100);
        builder.HasOne<School>().WithMany().HasForeignKey(s => s.TenantId);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}
