using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Photocollect.Data;

/// <summary>How <see cref="SignInFailure"/> is stored.</summary>
public sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.ToTable("SignInFailures");
        // Serves both counts: an address's failures, and an address's failures for one account.
        builder.HasIndex(f => new { f.Address, f.Account, f.At });
        builder.Property(f => f.Address).HasMaxLength(45);
        builder.Property(f => f.Account).HasMaxLength(300);
    }
}
