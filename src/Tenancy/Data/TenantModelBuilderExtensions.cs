using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Photocollect.Tenancy.Data;

/// <summary>Model conventions for tenant isolation.</summary>
public static class TenantModelBuilderExtensions
{
    /// <summary>Name of the query filter every tenant-owned entity carries; pass it to IgnoreQueryFilters to lift it.</summary>
    public const string FilterName = "Tenant";

    /// <summary>
    /// Adds the named <see cref="FilterName"/> query filter to every entity implementing <see cref="ITenantOwned"/> or
    /// <see cref="ITenantOrPlatformOwned"/>, comparing its <c>TenantId</c> with <paramref name="currentTenant"/>
    /// (an expression over the DbContext instance, so EF re-reads it per query), and checks that each of those entities
    /// has <c>TenantId</c> leading every unique index.
    /// </summary>
    public static ModelBuilder ApplyTenantIsolation<TContext>(
        this ModelBuilder modelBuilder,
        TContext context,
        Expression<Func<TContext, Guid>> currentTenant,
        Expression<Func<TContext, Guid?>> currentTenantOrPlatform)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => t.BaseType is null))
        {
            var clr = entityType.ClrType;
            LambdaExpression? filter = null;
            if (typeof(ITenantOwned).IsAssignableFrom(clr))
            {
                filter = BuildFilter(clr, typeof(Guid), context, currentTenant.Body);
            }
            else if (typeof(ITenantOrPlatformOwned).IsAssignableFrom(clr))
            {
                filter = BuildFilter(clr, typeof(Guid?), context, currentTenantOrPlatform.Body);
            }

            if (filter is not null)
            {
                modelBuilder.Entity(clr).HasQueryFilter(FilterName, filter);
            }
        }

        return modelBuilder;
    }

    /// <summary>Unique indexes of tenant-owned entities that do not start with TenantId (should be none).</summary>
    public static IEnumerable<string> FindUnscopedUniqueIndexes(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var entityType in model.GetEntityTypes())
        {
            var owned = typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType)
                || typeof(ITenantOrPlatformOwned).IsAssignableFrom(entityType.ClrType);
            if (!owned)
            {
                continue;
            }

            foreach (var index in entityType.GetIndexes().Where(i => i.IsUnique))
            {
                if (index.Properties[0].Name != nameof(ITenantOwned.TenantId))
                {
                    yield return $"{entityType.DisplayName()}({string.Join(", ", index.Properties.Select(p => p.Name))})";
                }
            }
        }
    }

    private static LambdaExpression BuildFilter(Type clr, Type idType, DbContext context, Expression current)
    {
        // e => e.TenantId == <current>, where <current> reads a property of this context instance:
        // EF turns a context member into a parameter evaluated for each query.
        var entity = Expression.Parameter(clr, "e");
        var contextParameter = new ReplaceParameterVisitor(Expression.Constant(context));
        var body = Expression.Equal(
            Expression.Property(entity, nameof(ITenantOwned.TenantId)),
            Expression.Convert(contextParameter.Visit(current), idType));
        return Expression.Lambda(body, entity);
    }

    private sealed class ReplaceParameterVisitor(Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => replacement;
    }
}
