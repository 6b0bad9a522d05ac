using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Photocollect.Data;

/// <summary>
/// Tells <see cref="CampaignDirectory"/> of every campaign a context saves: the schools whose campaigns a
/// <c>SaveChanges</c> adds, changes or removes are forgotten once it has saved, and again when the transaction it ran
/// in commits (a read between the two would still have seen the campaigns as they were).
/// </summary>
public sealed class CampaignWrites(CampaignDirectory campaigns) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> saving = [];
    private readonly ConditionalWeakTable<DbTransaction, HashSet<Guid>> committing = [];

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData);

    /// <inheritdoc />
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override void SaveChangesCanceled(DbContextEventData eventData) => Saved(eventData);

    /// <inheritdoc />
    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData);  // it may have committed before the cancellation reached it: forgotten all the same
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => committing.Remove(transaction);

    /// <inheritdoc />
    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        committing.Remove(transaction);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    /// <inheritdoc />
    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    private void Note(DbContextEventData eventData)
    {
        if (eventData.Context is not { } context)
        {
            return;
        }

        var schools = context.ChangeTracker.Entries<Campaign>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.TenantId)
            .ToHashSet();
        if (schools.Count > 0)
        {
            saving.AddOrUpdate(context, schools);
        }
    }

    private void Saved(DbContextEventData eventData)
    {
        if (eventData.Context is not { } context || !saving.TryGetValue(context, out var schools))
        {
            return;
        }

        saving.Remove(context);
        Forget(schools);
        if (context.Database.CurrentTransaction?.GetDbTransaction() is { } transaction)
        {
            committing.GetOrCreateValue(transaction).UnionWith(schools);
        }
    }

    private void Committed(DbTransaction transaction)
    {
        if (committing.TryGetValue(transaction, out var schools))
        {
            committing.Remove(transaction);
            Forget(schools);
        }
    }

    private void Forget(HashSet<Guid> schools)
    {
        foreach (var school in schools)
        {
            campaigns.Forget(school);
        }
    }
}
