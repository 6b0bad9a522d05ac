using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace Photocollect.Collection;

/// <summary>
/// The files students upload (up to 15 MB each), kept in a directory instead of PostgreSQL's rows when
/// <see cref="UploadStoreOptions.Path"/> is set (decision 016): <c>{path}/{school}/{photo}</c>, both ids as 32 hex
/// digits, readable by the product's user only. A file is written and flushed to disk before its row is committed,
/// so a committed row's file is there after a crash; deleting goes the other way (the file, then the row's claim to
/// it), so a crash between the two leaves a claim the next purge deletes again. A crash between a file's write and
/// its row's commit leaves a file no row names; nothing reads it, and the retention purge deletes it once it is older
/// than <see cref="OrphanAge"/>.
/// </summary>
public sealed partial class UploadStore(IOptions<UploadStoreOptions> options)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    private readonly string? root = string.IsNullOrWhiteSpace(options.Value.Path) ? null : System.IO.Path.GetFullPath(options.Value.Path);

    // Schools whose directory this process has created or found, and flushed into the root: once each.
    private readonly ConcurrentDictionary<Guid, bool> ready = new();

    /// <summary>How old a file no row names must be before the retention purge deletes it: far longer than any upload
    /// takes from its file to its row's commit.</summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromDays(1);

    /// <summary>Whether uploads go to files (else to the database's rows).</summary>
    public bool Enabled => root is not null;

    /// <summary>Writes an upload and flushes it and its directory entry to disk.</summary>
    public async Task WriteAsync(Guid schoolId, Guid photoId, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var directory = SchoolDirectory(schoolId);
        if (!ready.ContainsKey(schoolId))
        {
            CreateDirectory(Root);
            CreateDirectory(directory);
            FlushDirectory(System.IO.Path.GetDirectoryName(Root) ?? Root);
            FlushDirectory(Root);
            ready.TryAdd(schoolId, true);
        }

        // CreateNew: a photo's id is new, so an existing file is a bug, never something to overwrite (or delete below).
        var path = FilePath(schoolId, photoId);
        var creating = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            creating.UnixCreateMode = OwnerOnly;
        }

        var file = new FileStream(path, creating);
        try
        {
            await using (file)
            {
                await file.WriteAsync(bytes, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            FlushDirectory(directory);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>An upload's bytes, or null when its file is not there (deleted, never written, or no directory is set).</summary>
    public async Task<byte[]?> ReadAsync(Guid schoolId, Guid photoId, CancellationToken cancellationToken)
    {
        if (root is null)
        {
            return null;
        }

        try
        {
            return await File.ReadAllBytesAsync(FilePath(schoolId, photoId), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The photo ids of a school's upload files last written before <paramref name="before"/> (none without a
    /// directory set); names that are not a photo id are not the store's and are left alone.</summary>
    public IReadOnlyList<Guid> WrittenBefore(Guid schoolId, DateTimeOffset before)
    {
        var directory = root is null ? null : SchoolDirectory(schoolId);
        if (directory is null || !Directory.Exists(directory))
        {
            return [];
        }

        var found = new List<Guid>();
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
        {
            if (Guid.TryParseExact(file.Name, "N", out var photoId) && file.LastWriteTimeUtc < before.UtcDateTime)
            {
                found.Add(photoId);
            }
        }

        return found;
    }

    /// <summary>
    /// Deletes uploads; files already gone are fine. Without a directory set this throws rather than let a purge or an
    /// erasure forget files it cannot delete (uploads were kept as files, then the setting was taken away).
    /// </summary>
    public void Delete(Guid schoolId, IEnumerable<Guid> photoIds)
    {
        ArgumentNullException.ThrowIfNull(photoIds);
        foreach (var photoId in photoIds)
        {
            File.Delete(FilePath(schoolId, photoId));
        }
    }

    private string Root => root ?? throw new InvalidOperationException(
        "Uploads are kept as files, but Photocollect:Uploads:Path is not set: set it to the upload directory again (decision 016).");

    private string SchoolDirectory(Guid schoolId) => System.IO.Path.Combine(Root, schoolId.ToString("N"));

    private string FilePath(Guid schoolId, Guid photoId) => System.IO.Path.Combine(SchoolDirectory(schoolId), photoId.ToString("N"));

    private static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
    }

    // A new name is durable only once its directory is flushed too (fsync(2) on the directory); .NET has no call for
    // it. Elsewhere than Linux (a developer's machine) this is skipped.
    private static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ReadOnlyCloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"Cannot open {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"Cannot flush {directory} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // O_RDONLY | O_CLOEXEC (a directory opens read-only like a file; O_CLOEXEC is 0x80000 on every Linux architecture .NET runs on).
    private const int ReadOnlyCloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
