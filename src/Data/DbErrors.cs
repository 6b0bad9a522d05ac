using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Photocollect.Data;

/// <summary>Reading PostgreSQL's answers where a constraint, not the code, decides.</summary>
public static class DbErrors
{
    /// <summary>True when a write broke a unique index (from SaveChanges, wrapped, or from ExecuteUpdate, bare).</summary>
    public static bool IsUniqueViolation(Exception e) =>
        (e as PostgresException ?? (e as DbUpdateException)?.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.UniqueViolation;
}
