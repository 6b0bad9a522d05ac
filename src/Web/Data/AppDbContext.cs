using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Data;
using Photocollect.Web.Accounts;

namespace Photocollect.Web.Data;

/// <summary>
/// The app's database. Tenant isolation lives here, not in each query: every tenant-owned entity carries the named
/// <c>Tenant</c> query filter, and <see cref="SaveChanges(bool)"/> refuses rows of another scope.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, TenantContext tenant)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>Schools (tenants); not tenant-owned.</summary>
    public DbSet<School> Schools => Set<School>();

    /// <summary>SMS login codes.</summary>
    public DbSet<SmsCode> SmsCodes => Set<SmsCode>();

    /// <summary>Development SMS outbox.</summary>
    public DbSet<SmsOutboxMessage> SmsOutbox => Set<SmsOutboxMessage>();

    /// <summary>Per-school settings sections.</summary>
    public DbSet<TenantSettingsRow> TenantSettings => Set<TenantSettingsRow>();

    /// <summary>Collection campaigns.</summary>
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    /// <summary>School rosters.</summary>
    public DbSet<RosterEntry> Roster => Set<RosterEntry>();

    /// <summary>Students' verified collection records.</summary>
    public DbSet<StudentRecord> StudentRecords => Set<StudentRecord>();

    /// <summary>Uploaded photos and their checks.</summary>
    public DbSet<Photo> Photos => Set<Photo>();

    /// <summary>Uploaded photos' files (read only where the bytes are sent).</summary>
    public DbSet<PhotoFile> PhotoFiles => Set<PhotoFile>();

    /// <summary>Admission photos and their aligned faces.</summary>
    public DbSet<AdmissionPhoto> AdmissionPhotos => Set<AdmissionPhoto>();

    /// <summary>Orders.</summary>
    public DbSet<Order> Orders => Set<Order>();

    /// <summary>Grain states stored as JSON.</summary>
    public DbSet<GrainStateRow> GrainStates => Set<GrainStateRow>();

    /// <summary>Reviewers' rejection reasons.</summary>
    public DbSet<RejectReason> RejectReasons => Set<RejectReason>();

    /// <summary>Payments.</summary>
    public DbSet<Payment> Payments => Set<Payment>();

    /// <summary>Refunds.</summary>
    public DbSet<Refund> Refunds => Set<Refund>();

    /// <summary>Data Protection key ring.</summary>
    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();

    /// <summary>The scope's school id for strictly tenant-owned rows; outside a school, a value no row has.</summary>
    internal Guid TenantFilterId => tenant.Kind == TenantScopeKind.Tenant ? tenant.TenantId!.Value : Guid.Empty;

    /// <summary>The scope's school id, or null in the platform scope; outside any scope, a value no row has.</summary>
    internal Guid? TenantOrPlatformFilterId => tenant.Kind switch
    {
        TenantScopeKind.Tenant => tenant.TenantId,
        TenantScopeKind.Platform => null,
        _ => Guid.Empty,
    };

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TenantSaveGuard.Apply(ChangeTracker, tenant);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TenantSaveGuard.Apply(ChangeTracker, tenant);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            // Identity's global unique user name becomes unique per school (platform accounts: TenantId null).
            user.Metadata.RemoveIndex(user.Metadata.GetIndexes().Single(i => i.GetDatabaseName() == "UserNameIndex"));
            user.HasIndex(u => new { u.TenantId, u.NormalizedUserName })
                .IsUnique()
                .AreNullsDistinct(false)
                .HasDatabaseName("UserNameIndex");
            user.HasOne<School>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.AgreementVersion).HasMaxLength(32);
        });

        builder.Entity<School>(school =>
        {
            school.ToTable("Schools");
            school.HasIndex(s => s.Slug).IsUnique();
            school.HasIndex(s => s.SchoolCode).IsUnique();
            school.Property(s => s.Slug).HasMaxLength(40);
            school.Property(s => s.DisplayName).HasMaxLength(100);
            school.Property(s => s.SchoolCode).HasMaxLength(6).IsFixedLength();
            school.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            school.OwnsOne(s => s.Branding, b =>
            {
                b.Property(x => x.ShortName).HasMaxLength(40);
                b.Property(x => x.LogoUrl).HasMaxLength(500);
                b.Property(x => x.PrimaryColor).HasMaxLength(7);
            });
        });

        builder.Entity<SmsCode>(code =>
        {
            code.ToTable("SmsCodes");
            code.HasIndex(c => new { c.TenantId, c.Phone, c.CreatedAt });
            code.HasIndex(c => new { c.RequestIp, c.CreatedAt });
            code.Property(c => c.Phone).HasMaxLength(11);
            code.Property(c => c.CodeHash).HasMaxLength(64);
            code.Property(c => c.RequestIp).HasMaxLength(45);
            code.HasOne<School>().WithMany().HasForeignKey(c => c.TenantId);
        });

        builder.Entity<SmsOutboxMessage>(message =>
        {
            message.ToTable("SmsOutbox");
            message.HasIndex(m => new { m.TenantId, m.CreatedAt });
            message.Property(m => m.Phone).HasMaxLength(20);
            message.Property(m => m.Text).HasMaxLength(500);
            message.HasOne<School>().WithMany().HasForeignKey(m => m.TenantId);
        });

        builder.Entity<TenantSettingsRow>(row =>
        {
            row.ToTable("TenantSettings");
            row.HasKey(r => new { r.TenantId, r.Section });
            row.Property(r => r.Section).HasMaxLength(64);
            row.Property(r => r.Json).HasColumnType("jsonb");
            row.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
        });

        builder.Entity<DataProtectionKeyRow>(key => key.ToTable("DataProtectionKeys"));
        ConfigureCollection(builder);

        builder.ApplyTenantIsolation(this, c => c.TenantFilterId, c => c.TenantOrPlatformFilterId);
    }
    private static void ConfigureCollection(ModelBuilder builder)
    {
        builder.Entity<Campaign>(campaign =>
        {
            campaign.ToTable("Campaigns");
            campaign.HasIndex(c => new { c.TenantId, c.StartsAt });
            campaign.Property(c => c.Name).HasMaxLength(100);
            campaign.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            campaign.Property(c => c.CaptureMode).HasConversion<string>().HasMaxLength(16);
            campaign.Property(c => c.Verification).HasConversion<string>().HasMaxLength(16);
            campaign.Property(c => c.FeatureCode).HasMaxLength(16);
            campaign.Property(c => c.SupportPhone).HasMaxLength(40);
            campaign.Property(c => c.SupportHours).HasMaxLength(100);
            campaign.Property(c => c.VisionThresholds).HasColumnType("jsonb");
            campaign.HasOne<School>().WithMany().HasForeignKey(c => c.TenantId);
        });

        builder.Entity<RosterEntry>(entry =>
        {
            entry.ToTable("Roster");
            entry.HasIndex(e => new { e.TenantId, e.StudentNumber }).IsUnique();
            entry.Property(e => e.StudentNumber).HasMaxLength(32);
            entry.Property(e => e.Name).HasMaxLength(50);
            entry.Property(e => e.IdLastFour).HasMaxLength(4);
            entry.Property(e => e.Level).HasMaxLength(20);
            entry.Property(e => e.College).HasMaxLength(100);
            entry.Property(e => e.Major).HasMaxLength(100);
            entry.HasOne<School>().WithMany().HasForeignKey(e => e.TenantId);
        });

        builder.Entity<StudentRecord>(record =>
        {
            record.ToTable("StudentRecords");
            record.HasIndex(r => new { r.TenantId, r.AccountId, r.CampaignId }).IsUnique();
            // One student, one record per campaign: a second phone number cannot take over someone's collection.
            record.HasIndex(r => new { r.TenantId, r.CampaignId, r.StudentNumber }).IsUnique();
            record.Property(r => r.Name).HasMaxLength(50);
            record.Property(r => r.Gender).HasMaxLength(4);
            record.Property(r => r.IdNumber).HasMaxLength(18);
            record.Property(r => r.Level).HasMaxLength(20);
            record.Property(r => r.College).HasMaxLength(100);
            record.Property(r => r.Major).HasMaxLength(100);
            record.Property(r => r.StudentNumber).HasMaxLength(32);
            record.Property(r => r.Phone).HasMaxLength(11);
            record.Property(r => r.CodeHash).HasMaxLength(64);
            record.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
            record.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
            record.HasOne<AppUser>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Photo>(photo =>
        {
            photo.ToTable("Photos");
            photo.HasIndex(p => new { p.TenantId, p.RecordId, p.CreatedAt });
            photo.Property(p => p.Checks).HasColumnType("jsonb");
            photo.HasOne<School>().WithMany().HasForeignKey(p => p.TenantId);
            photo.HasOne<StudentRecord>().WithMany().HasForeignKey(p => p.RecordId).OnDelete(DeleteBehavior.Restrict);
        });

        // The bytes of photos sit in tables of their own, so the rows pages read stay small (a query of Photos or
        // StudentRecords never carries an upload of up to 15 MB or an admission photo).
        builder.Entity<PhotoFile>(file =>
        {
            file.ToTable("PhotoFiles");
            file.HasKey(f => f.PhotoId);
            file.HasOne<School>().WithMany().HasForeignKey(f => f.TenantId);
            file.HasOne<Photo>().WithOne().HasForeignKey<PhotoFile>(f => f.PhotoId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AdmissionPhoto>(admission =>
        {
            admission.ToTable("AdmissionPhotos");
            admission.HasKey(a => a.RecordId);
            admission.HasOne<School>().WithMany().HasForeignKey(a => a.TenantId);
            admission.HasOne<StudentRecord>().WithOne().HasForeignKey<AdmissionPhoto>(a => a.RecordId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Order>(order =>
        {
            order.ToTable("Orders");
            order.HasIndex(o => new { o.TenantId, o.Number }).IsUnique();
            order.HasIndex(o => new { o.TenantId, o.Status, o.UpdatedAt });
            order.HasIndex(o => new { o.TenantId, o.AccountId, o.CreatedAt });
            // At most one open collection order per record, whatever the application does (reprints are extra).
            order.HasIndex(o => new { o.TenantId, o.RecordId }).IsUnique().HasFilter("\"Status\" NOT IN ('Closed', 'Refunded') AND \"Kind\" <> 'Reprint'")
                .HasDatabaseName("IX_Orders_TenantId_RecordId_Open");
            order.Property(o => o.Number).HasMaxLength(24);
            order.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(24);
            order.Property(o => o.Currency).HasMaxLength(3);
            order.Property(o => o.PaymentReference).HasMaxLength(64);
            order.Property(o => o.RejectReason).HasMaxLength(40);
            order.Property(o => o.History).HasColumnType("jsonb");
            order.Property(o => o.Version).IsRowVersion();
            order.HasOne<School>().WithMany().HasForeignKey(o => o.TenantId);
            order.HasOne<StudentRecord>().WithMany().HasForeignKey(o => o.RecordId).OnDelete(DeleteBehavior.Restrict);
            order.HasOne<Campaign>().WithMany().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<GrainStateRow>(row =>
        {
            row.ToTable("GrainStates");
            row.HasKey(r => new { r.TenantId, r.GrainType, r.GrainId });
            row.Property(r => r.GrainType).HasMaxLength(32);
            row.Property(r => r.GrainId).HasMaxLength(64);
            row.Property(r => r.Json).HasColumnType("jsonb");
            row.Property(r => r.Version).IsRowVersion();
            row.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
        });

        builder.Entity<RejectReason>(reason =>
        {
            reason.ToTable("RejectReasons");
            reason.HasIndex(r => new { r.TenantId, r.Code }).IsUnique();
            reason.Property(r => r.Code).HasMaxLength(40);
            reason.Property(r => r.Title).HasMaxLength(100);
            reason.Property(r => r.Fix).HasMaxLength(300);
            reason.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
        });

        builder.Entity<Payment>(payment =>
        {
            payment.ToTable("Payments");
            payment.HasIndex(p => new { p.TenantId, p.OrderId });
            // One successful payment per order, whatever arrives twice.
            payment.HasIndex(p => new { p.TenantId, p.OrderId }).IsUnique().HasFilter("\"State\" = 'succeeded'")
                .HasDatabaseName("IX_Payments_TenantId_OrderId_Succeeded");
            payment.Property(p => p.Provider).HasMaxLength(16);
            payment.Property(p => p.Currency).HasMaxLength(3);
            payment.Property(p => p.State).HasMaxLength(16);
            payment.Property(p => p.ProviderReference).HasMaxLength(64);
            payment.Property(p => p.ProviderCheckout).HasMaxLength(128);
            payment.HasOne<School>().WithMany().HasForeignKey(p => p.TenantId);
            payment.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Refund>(refund =>
        {
            refund.ToTable("Refunds");
            refund.HasIndex(r => new { r.TenantId, r.PaymentId });
            refund.HasIndex(r => new { r.TenantId, r.State });
            refund.Property(r => r.Currency).HasMaxLength(3);
            refund.Property(r => r.Reason).HasMaxLength(80);
            refund.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            refund.Property(r => r.ProviderReference).HasMaxLength(64);
            refund.Property(r => r.RequestedBy).HasMaxLength(64);
            refund.HasOne<School>().WithMany().HasForeignKey(r => r.TenantId);
            refund.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
            refund.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
