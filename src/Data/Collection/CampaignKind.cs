using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>Graduation (with a CHSI collection code) or freshman (roster only) collection.</summary>
public enum CampaignKind
{
    /// <summary>毕业生图像采集.</summary>
    Graduation,

    /// <summary>新生照片上传.</summary>
    Freshman,
}
