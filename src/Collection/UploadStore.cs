using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace Photocollect.Collection;

/// <summary>
/// The files students upload (up to 15 MB each), kept in a directory instead of PostgreSQL's rows when
/// <see cref="UploadStoreOptions.Path"/> is set (decision 016): <c>{path}/{school}/{photo}</c>, both ids as 32 hex
/// digits. A file is written and flushed to disk before its row is committed, so a committed row's file is there
/// after a crash; a file whose row never committed is an orphan nobody reads. Deleting goes the other way: the file
/// first, then the row, so a crash between the two leaves a row the next purge deletes again, never a file no row
/// names.
/// </summary>
public sealed partial class UploadStore(IOptions<UploadStoreOptions> options)
{
    private readonly string? root = string.IsNullOrWhiteSpace(options.Value.Path) ? null : System.IO.Path.GetFullPath(options.Value.Path);

    /// <summary>Whether uploads go to files (else to the database's rows).</summary>
    public bool Enabled => root is not null;

    /// <summary>Writes an upload and flushes it and its directory entry to disk.</summary>
    public async Task WriteAsync(Guid schoolId, Guid photoId, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var directory = SchoolDirectory(schoolId);
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            FlushDirectory(Root);
        }

        // CreateNew: a photo's id is new, so an existing file is a bug, never something to overwrite (or delete below).
        var path = FilePath(schoolId, photoId);
        var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous, PreallocationSize = bytes.Length });
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

    /// <summary>An upload's bytes, or null when its file is not there (deleted, or never written).</summary>
    public async Task<byte[]?> ReadAsync(Guid schoolId, Guid photoId, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(FilePath(schoolId, photoId), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes uploads; files already gone are fine.</summary>
    public void Delete(Guid schoolId, IEnumerable<Guid> photoIds)
    {
        ArgumentNullException.ThrowIfNull(photoIds);
        foreach (var photoId in photoIds)
        {
            File.Delete(FilePath(schoolId, photoId));
        }
    }

    private string Root => root ?? throw new InvalidOperationException("No upload directory is set (Photocollect:Uploads:Path).");

    private string SchoolDirectory(Guid schoolId) => System.IO.Path.Combine(Root, schoolId.ToString("N"));

    private string FilePath(Guid schoolId, Guid photoId) => System.IO.Path.Combine(SchoolDirectory(schoolId), photoId.ToString("N"));

    // A new name is durable only once its directory is flushed too (fsync(2) on the directory); .NET has no call for it.
    private static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ReadOnly);
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

    // O_RDONLY: a directory opens read-only like a file (O_DIRECTORY's value differs between architectures).
    private const int ReadOnly = 0;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
