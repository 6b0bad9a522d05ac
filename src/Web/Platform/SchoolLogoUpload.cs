namespace Photocollect.Web.Platform;

/// <summary>Reads a logo from a form post, noting its problem under <c>Logo</c> when it is not one.</summary>
public static class SchoolLogoUpload
{
    /// <summary>The logo's type and bytes, or null when none was chosen or it is refused (then a problem is added).</summary>
    public static async Task<(string ContentType, byte[] Bytes)?> ReadAsync(IFormFile? logo, IDictionary<string, string> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (logo is null || (logo.Length == 0 && string.IsNullOrEmpty(logo.FileName)))
        {
            return null;
        }

        if (logo.Length > SchoolLogoFile.MaxBytes)
        {
            problems["Logo"] = "Onboard.Error.LogoSize";
            return null;
        }

        using var buffer = new MemoryStream();
        await logo.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var (type, error) = SchoolLogoFile.Check(bytes);
        if (error is not null)
        {
            problems["Logo"] = error;
            return null;
        }

        return (type!, bytes);
    }
}
