using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>How a student proves the record is theirs.</summary>
public enum VerificationMode
{
    /// <summary>Collection code plus the school's feature code (特征码).</summary>
    FeatureCode,

    /// <summary>Name and student number against the roster.</summary>
    Roster,

    /// <summary>The last four characters of the ID number.</summary>
    IdLastFour,
}
