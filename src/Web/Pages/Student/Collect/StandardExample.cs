namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>
/// One example photo on the standards page, a file of <c>wwwroot/img/standards</c> (drawn by
/// <c>tools/VisionLab standards</c>), and what the engine says of it: the message key of the fault it shows, or null for
/// the good photo. Web.Tests runs the engine on each file and holds it to this, so a picture cannot say one thing
/// while the check does another.
/// </summary>
/// <param name="Name">File name stem, e.g. <c>too-dark</c>; also the caption's resource key
/// (<c>Collect.Standards.Example.too-dark</c>).</param>
/// <param name="Fault">The engine's message key of the fault shown (<c>Check.brightness.dark</c>), or null.</param>
public sealed record StandardExample(string Name, string? Fault)
{
    /// <summary>The good photo: no fault.</summary>
    public bool Good => Fault is null;

    /// <summary>The file, from the site root.</summary>
    public string Src => $"/img/standards/{Name}.jpg";

    /// <summary>The caption's resource key.</summary>
    public string Caption => $"Collect.Standards.Example.{Name}";
}
