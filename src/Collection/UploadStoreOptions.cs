namespace Photocollect.Collection;

/// <summary>Where uploads are kept (<c>Photocollect:Uploads</c>).</summary>
public sealed class UploadStoreOptions
{
    /// <summary>
    /// A directory every instance of the product reads and writes (a volume they share), or null to keep uploads in
    /// PostgreSQL's rows as before. <c>./photocollect run</c> and the benches set it; the Helm chart sets it when given
    /// a shared volume (decision 016).
    /// </summary>
    public string? Path { get; set; }
}
