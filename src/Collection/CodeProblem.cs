using Microsoft.EntityFrameworkCore;

namespace Photocollect.Collection;

/// <summary>Why a collection code gave no record the student can use. The page shows <c>Collect.Code.{value}</c>.</summary>
public enum CodeProblem
{
    /// <summary>The file is not an image we read.</summary>
    NotAnImage,

    /// <summary>No QR code in the picture.</summary>
    NoCode,

    /// <summary>More than one QR code in the picture.</summary>
    SeveralCodes,

    /// <summary>A QR code, but not a collection code.</summary>
    Malformed,

    /// <summary>Altered or made up.</summary>
    Forged,

    /// <summary>Expired: fetch a new one.</summary>
    Expired,

    /// <summary>The registry has no such student.</summary>
    NotFound,

    /// <summary>A student of another school.</summary>
    OtherSchool,

    /// <summary>The registry could not be reached.</summary>
    Unavailable,

    /// <summary>Too many pictures are being read at once: send it again in a moment.</summary>
    Busy,
}
