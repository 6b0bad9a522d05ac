using Microsoft.EntityFrameworkCore;

namespace Photocollect.Collection;

/// <summary>What a verification attempt came to. The page shows <c>Collect.Verify.{value}</c>.</summary>
public enum VerifyProblem
{
    /// <summary>No code read yet (or it was read in another session).</summary>
    NoPendingRecord,

    /// <summary>Wrong entry; attempts remain.</summary>
    Wrong,

    /// <summary>Locked after too many wrong entries.</summary>
    Locked,

    /// <summary>Not on the school's roster: 无法采集.</summary>
    NotOnRoster,

    /// <summary>The level is not collected by this campaign.</summary>
    LevelNotOffered,

    /// <summary>Another account already verified this student.</summary>
    TakenByAnotherAccount,

    /// <summary>The phone typed for notifications is not a mainland mobile number (nothing is stored or counted).</summary>
    BadPhone,
}
