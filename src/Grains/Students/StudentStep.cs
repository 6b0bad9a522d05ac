namespace Photocollect.Grains.Students;

/// <summary>Where a student is in the online collection flow.</summary>
[GenerateSerializer]
public enum StudentStep
{
    /// <summary>No verified collection record yet (添加采集信息).</summary>
    NeedsRecord,

    /// <summary>Record verified; the standards page is next.</summary>
    Verified,

    /// <summary>Standards read and ticked (我已阅读并理解拍摄标准); capture is next.</summary>
    ReadyToShoot,

    /// <summary>A photo passed the automatic check; submitting is next.</summary>
    PhotoPassed,

    /// <summary>An order exists for the campaign.</summary>
    Ordered,
}
