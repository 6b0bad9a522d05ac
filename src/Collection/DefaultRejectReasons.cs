using Photocollect.Data;

namespace Photocollect.Collection;

/// <summary>The rejection reasons every school starts with (seed 003's wording where it has one); school admins
/// maintain their own list from here.</summary>
public static class DefaultRejectReasons
{
    /// <summary>Code, reason, fix.</summary>
    public static IReadOnlyList<(string Code, string Title, string Fix)> All { get; } =
    [
        ("extra_content", "图像额外内容（手、水印等）", "请上传证件照或使用手机拍摄，请勿使用艺术照，请重新采集提交人工审核。"),
        ("background", "背景不符合要求", "请在白色或浅蓝色的纯色墙面前重新拍摄，背景不要有杂物、门窗或阴影。"),
        ("head_pose", "头部姿势不正", "请正对镜头，头部不要倾斜、侧转、抬头或低头，双肩保持水平。"),
        ("expression", "表情不自然或露齿", "请自然平视镜头，嘴唇闭合，不要露出牙齿。"),
        ("face_covered", "面部、眉毛或耳朵被遮挡", "请把头发梳到耳后，露出额头和眉毛，摘掉帽子和有色眼镜。"),
        ("lighting", "光线不均或曝光不当", "请在光线均匀的地方拍摄，脸上不要有阴影或反光。"),
        ("blurry", "照片模糊", "请保持手机稳定，对焦清楚后再拍，不要使用数码变焦。"),
        ("retouched", "照片经过美颜或修图", "请关闭美颜和滤镜，用手机自带相机重新拍摄。"),
        ("clothing", "服装不符合要求", "请穿有领的深色上衣，不要穿无袖、吊带或与背景同色的衣服。"),
        ("not_same_person", "与录取照片不一致", "请本人重新拍摄；如确为本人，请联系学校或客服核实。"),
    ];

    /// <summary>The rows for a school.</summary>
    public static IEnumerable<RejectReason> For(Guid tenantId) => All.Select((r, i) => new RejectReason
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        Code = r.Code,
        Title = r.Title,
        Fix = r.Fix,
        Position = i,
    });
}
