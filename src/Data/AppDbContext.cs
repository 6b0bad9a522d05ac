using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Data;
using Photocollect.Data.DataProtection;


namespace Photocollect.Data;

/// <summary>
/// The app's database. Tenant isolation lives here, not in each query: every tenant-owned entity carries the named
/// <c>Tenant</c> query filter, and <see cref="SaveChanges(bool)"/> refuses rows of another scope.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    // Contexts are pooled (DataServiceCollectionExtensions): each one taken from the pool is given its unit of
    // work's scope before use; one never given a scope sees no tenant's rows and may write none.
    private TenantContext tenant = new();

    /// <summary>Gives a context taken from the pool the scope of the unit of work it serves.</summary>
    internal void UseScope(TenantContext scope) => tenant = scope ?? throw new ArgumentNullException(nameof(scope));

    /// <summary>Schools (tenants); not tenant-owned.</summary>
    public DbSet<School> Schools => Set<School>();

    /// <summary>SMS login codes.</summary>
    public DbSet<SmsCode> SmsCodes => Set<SmsCode>();

    /// <summary>On-site collection sessions (场次).</summary>
    public DbSet<CollectionSession> CollectionSessions => Set<CollectionSession>();

    /// <summary>Bookable slots of sessions.</summary>
    public DbSet<SessionSlot> SessionSlots => Set<SessionSlot>();

    /// <summary>Students' bookings of slots.</summary>
    public DbSet<SlotBooking> SlotBookings => Set<SlotBooking>();

    /// <summary>Corrections staff made to records before the shoot.</summary>
    public DbSet<RecordCorrection> RecordCorrections => Set<RecordCorrection>();

    /// <summary>Deliveries of finished photos to the school.</summary>
    public DbSet<DeliveryBatch> DeliveryBatches => Set<DeliveryBatch>();

    /// <summary>The photos of each delivery.</summary>
    public DbSet<DeliveryItem> DeliveryItems => Set<DeliveryItem>();

    /// <summary>Schools' API keys.</summary>
    public DbSet<SchoolApiKey> SchoolApiKeys => Set<SchoolApiKey>();

    /// <summary>The audit trail (append-only).</summary>
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    /// <summary>Exports and downloads of students' data.</summary>
    public DbSet<DataExport> DataExports => Set<DataExport>();

    /// <summary>What each run of the retention purge removed, per school.</summary>
    public DbSet<RetentionRun> RetentionRuns => Set<RetentionRun>();

    /// <summary>Failed staff sign-ins (the throttle).</summary>
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();

    /// <summary>Development SMS outbox.</summary>
    public DbSet<SmsOutboxMessage> SmsOutbox => Set<SmsOutboxMessage>();

    /// <summary>The platform's own settings sections (the operator's).</summary>
    public DbSet<PlatformSettingsRow> PlatformSettings => Set<PlatformSettingsRow>();

    /// <summary>One-time links to set up a staff account.</summary>
    public DbSet<StaffInvite> StaffInvites => Set<StaffInvite>();

    /// <summary>Schools' uploaded logos.</summary>
    public DbSet<SchoolLogo> SchoolLogos => Set<SchoolLogo>();
    /// <summary>Every SMS the schools' senders tried, whatever the provider.</summary>
    public DbSet<SmsLogEntry> SmsLog => Set<SmsLogEntry>();

    /// <summary>Scheduled jobs' runs and how they ended.</summary>
    public DbSet<JobRun> JobRuns => Set<JobRun>();

    /// <summary>Payment providers' failures met by the jobs.</summary>
    public DbSet<ProviderError> ProviderErrors => Set<ProviderError>();

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
        // Each entity's mapping sits beside it (XxxConfiguration); isolation comes last, over all of them.
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.ApplyTenantIsolation(this, c => c.TenantFilterId, c => c.TenantOrPlatformFilterId);
    }
}
