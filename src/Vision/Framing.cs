namespace Photocollect.Vision;

/// <summary>Where the face in a live preview frame stands against the guide; the names are what the page shows.</summary>
public enum Framing
{
    /// <summary>No frontal face found.</summary>
    NoFace,

    /// <summary>More than one face of a portrait's size.</summary>
    SeveralFaces,

    /// <summary>The face is not inside the guide oval: move it in.</summary>
    Outside,

    /// <summary>The face is too small for the guide: come closer.</summary>
    TooSmall,

    /// <summary>The face is too large for the guide: move back.</summary>
    TooLarge,

    /// <summary>Inside the guide and the right size.</summary>
    Good,
}
