using Photocollect.Tenancy.Data;
using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>One school's collection campaign: window, price, levels and rules.</summary>
public sealed class Campaign : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Name shown to students, e.g. 2027届毕业生图像采集.</summary>
    public required string Name { get; set; }

    /// <summary>Graduation or freshman.</summary>
    public CampaignKind Kind { get; set; }

    /// <summary>The school's feature code (特征码), six letters or digits.</summary>
    public string FeatureCode { get; set; } = "";

    /// <summary>Window start (UTC; shown in China Standard Time).</summary>
    public DateTimeOffset StartsAt { get; set; }

    /// <summary>Window end (UTC).</summary>
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Price in fen.</summary>
    public long PriceFen { get; set; }

    /// <summary>Price of a reprint (加洗) in fen.</summary>
    public long ReprintPriceFen { get; set; }

    /// <summary>Education levels offered (专科, 本科, 硕士研究生, 博士研究生).</summary>
    public List<string> Levels { get; set; } = [];

    /// <summary>Online, offline or both.</summary>
    public CaptureMode CaptureMode { get; set; }

    /// <summary>Offline: students may book a slot of a session (预约); without it they just come within the window.</summary>
    public bool BookingEnabled { get; set; } = true;

    /// <summary>Offline: a called student who is not there (过号) gets a new number at the end of the line; otherwise
    /// they must scan the queue QR again.</summary>
    public bool MissedGoesToEnd { get; set; } = true;

    /// <summary>How students verify.</summary>
    public VerificationMode Verification { get; set; }

    /// <summary>Only a live camera shot, no album picture.</summary>
    public bool LiveCameraOnly { get; set; }

    /// <summary>Tell the student to use the rear camera.</summary>
    public bool RearCameraHint { get; set; } = true;

    /// <summary>Compare the photo with the admission photo.</summary>
    public bool CompareWithAdmission { get; set; } = true;

    /// <summary>Score below which the comparison flags the photo.</summary>
    public double ComparisonThreshold { get; set; } = 0.55;

    /// <summary>The school's changes to the vision thresholds (<see cref="Collection.SchoolThresholds"/>); null for the defaults.</summary>
    public string? VisionThresholds { get; set; }

    /// <summary>Support phone.</summary>
    public string SupportPhone { get; set; } = "";

    /// <summary>Support hours, as text.</summary>
    public string SupportHours { get; set; } = "";

    /// <summary>Agreement text shown before collection.</summary>
    public string AgreementText { get; set; } = "";

    /// <summary>Minutes an order may stay unpaid.</summary>
    public int PayWithinMinutes { get; set; } = 30;

    /// <summary>How delivered photo files are named (学号, 身份证号 or 考生号).</summary>
    public DeliveryNaming DeliveryNaming { get; set; }

    /// <summary>Days the uploads (source photos) are kept after the record's photo was delivered to the school (or, never
    /// delivered, after the window end); then the purge deletes them (<c>Collection/Retention</c>).</summary>
    public int SourcePhotoRetentionDays { get; set; } = 30;

    /// <summary>Days the admission photo (and its aligned face) is kept, counted as for the source photos.</summary>
    public int AdmissionPhotoRetentionDays { get; set; } = 30;

    /// <summary>Days after the window end the standard photos are kept, or null: to the end of the campaign year.</summary>
    public int? StandardPhotoRetentionDays { get; set; }

    /// <summary>Days after the window end the records' ID numbers (with name, gender, birth date) are kept, or null: to the
    /// end of the campaign year.</summary>
    public int? IdNumberRetentionDays { get; set; }

    /// <summary>Days after the window end the records' phone numbers are kept, or null: to the end of the campaign year.</summary>
    public int? PhoneRetentionDays { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A copy whose changes touch nothing else (<see cref="Levels"/> copied too): what a kept campaign hands out.</summary>
    public Campaign Copy()
    {
        var copy = (Campaign)MemberwiseClone();
        copy.Levels = [.. Levels];
        return copy;
    }
}
