namespace Photocollect.Web.Infrastructure;

/// <summary>Uploaded files as bytes.</summary>
public static class FormFiles
{
    /// <summary>
    /// The file's bytes, read once into an array of its exact size (a 12 MP photo is about 3 MB: no growing buffer
    /// and no second copy). Callers have bounded the size by the request's upload limit.
    /// </summary>
    public static async Task<byte[]> ReadAllBytesAsync(this IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }
}
