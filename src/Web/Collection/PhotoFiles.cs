namespace Photocollect.Web.Collection;

/// <summary>Stored photo files (uploads, standard photos, admission photos) as served to browsers.</summary>
public static class PhotoFiles
{
    /// <summary>The content type of a stored file: uploads are JPEG or PNG (the loader refuses anything else).</summary>
    public static string ContentType(byte[] image) => image is [0x89, 0x50, ..] ? "image/png" : "image/jpeg";
}
