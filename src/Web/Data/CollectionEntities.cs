using Photocollect.Grains.Orders;
using Photocollect.Tenancy.Data;
using Photocollect.Web.Schools;

namespace Photocollect.Web.Data;

/// <summary>Graduation (with a CHSI collection code) or freshman (roster only) collection.</summary>
public enum CampaignKind
{
    /// <summary>毕业生图像采集.</summary>
    Graduation,

    /// <summary>新生照片上传.</summary>
    Freshman,
}

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

    /// <summary>How students verify.</summary>
    public VerificationMode Verification { get; set; }

    /// <summary>Only a live camera shot, no album picture.</summary>
    public bool LiveCameraOnly { get; set; }

    /// <summary>Tell the student to use the rear camera.</summary>
    public bool RearCameraHint { get; set; } = true;

    /// <summary>Compare the photo with the admission photo.</summary>
    public bool CompareWithAdmission { get; set; } = true;

    /// <summary>Score below which the comparison flags the photo.</summary>
    public double ComparisonThreshold { get; set; } = 0.46;

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

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A student on the school's roster (imported from CSV).</summary>
public sealed class RosterEntry : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Student number (学号), unique in the school.</summary>
    public required string StudentNumber { get; set; }

    /// <summary>Name.</summary>
    public required string Name { get; set; }

    /// <summary>Last four characters of the ID number.</summary>
    public required string IdLastFour { get; set; }

    /// <summary>Education level.</summary>
    public required string Level { get; set; }

    /// <summary>College (学院).</summary>
    public string College { get; set; } = "";

    /// <summary>Major (专业).</summary>
    public string Major { get; set; } = "";

    /// <summary>Last import that wrote it (UTC).</summary>
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>A student's verified collection record in a campaign (添加采集信息); its admission photo is an <see cref="AdmissionPhoto"/>.</summary>
public sealed class StudentRecord : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The student's account.</summary>
    public Guid AccountId { get; set; }

    /// <summary>The campaign.</summary>
    public Guid CampaignId { get; set; }

    /// <summary>Name.</summary>
    public required string Name { get; set; }

    /// <summary>男 or 女.</summary>
    public string Gender { get; set; } = "";

    /// <summary>Birth date.</summary>
    public DateOnly? BirthDate { get; set; }

    /// <summary>ID number (shown masked).</summary>
    public string IdNumber { get; set; } = "";

    /// <summary>Level.</summary>
    public string Level { get; set; } = "";

    /// <summary>College.</summary>
    public string College { get; set; } = "";

    /// <summary>Major.</summary>
    public string Major { get; set; } = "";

    /// <summary>Student number.</summary>
    public required string StudentNumber { get; set; }

    /// <summary>Admission date.</summary>
    public DateOnly? AdmissionDate { get; set; }

    /// <summary>Expected leaving date.</summary>
    public DateOnly? LeavingDate { get; set; }

    /// <summary>Phone for notifications.</summary>
    public string Phone { get; set; } = "";

    /// <summary>SHA-256 of the collection code text it came from (hex), or null (freshman).</summary>
    public string? CodeHash { get; set; }

    /// <summary>When it was verified (UTC).</summary>
    public DateTimeOffset VerifiedAt { get; set; }
}

/// <summary>A photo a student uploaded and its automatic check; its files are a <see cref="PhotoFile"/>.</summary>
public sealed class Photo : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The collection record.</summary>
    public Guid RecordId { get; set; }

    /// <summary>The uploading account.</summary>
    public Guid AccountId { get; set; }

    /// <summary>Whether every automatic check passed.</summary>
    public bool Passed { get; set; }

    /// <summary>The check report (JSON: name, pass, value, threshold per check).</summary>
    public required string Checks { get; set; }

    /// <summary>Admission-photo comparison score, or null when not compared.</summary>
    public double? ComparisonScore { get; set; }

    /// <summary>Comparison verdict, or null.</summary>
    public bool? SamePerson { get; set; }

    /// <summary>Uploaded (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An order: the row behind the order grain (its state is in <see cref="Grains.Orders.OrderState"/>).</summary>
public sealed class Order : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Order number, unique in the school.</summary>
    public required string Number { get; set; }

    /// <summary>The student's account.</summary>
    public Guid AccountId { get; set; }

    /// <summary>The collection record.</summary>
    public Guid RecordId { get; set; }

    /// <summary>The campaign.</summary>
    public Guid CampaignId { get; set; }

    /// <summary>集采, 零采 or 加洗.</summary>
    public OrderKind Kind { get; set; }

    /// <summary>Sets of prints (reprints; 1 otherwise).</summary>
    public int Copies { get; set; } = 1;

    /// <summary>Price frozen at creation, fen.</summary>
    public long PriceFen { get; set; }

    /// <summary>Currency.</summary>
    public string Currency { get; set; } = "CNY";

    /// <summary>Status.</summary>
    public OrderStatus Status { get; set; }

    /// <summary>The submitted photo.</summary>
    public Guid? PhotoId { get; set; }

    /// <summary>The payment's reference.</summary>
    public string? PaymentReference { get; set; }

    /// <summary>Latest rejection reason code.</summary>
    public string? RejectReason { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Closes unpaid after this (UTC).</summary>
    public DateTimeOffset PayBy { get; set; }

    /// <summary>Last status change (UTC), for queues.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Transition history (JSON array of <see cref="OrderChange"/>).</summary>
    public string History { get; set; } = "[]";

    /// <summary>PostgreSQL's row version (xmin): the grain's ETag.</summary>
    public uint Version { get; set; }
}

/// <summary>A grain's state stored as JSON (student grains), versioned by xmin.</summary>
public sealed class GrainStateRow : ITenantOwned
{
    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Grain type, e.g. <c>student</c>.</summary>
    public required string GrainType { get; set; }

    /// <summary>The id part of the grain key.</summary>
    public required string GrainId { get; set; }

    /// <summary>The state.</summary>
    public required string Json { get; set; }

    /// <summary>PostgreSQL's row version (xmin).</summary>
    public uint Version { get; set; }
}

/// <summary>A reason a reviewer can give, with the fix shown to the student (maintained per school).</summary>
public sealed class RejectReason : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Stable code, e.g. <c>extra_content</c>.</summary>
    public required string Code { get; set; }

    /// <summary>The reason, e.g. 图像额外内容（手、水印等）.</summary>
    public required string Title { get; set; }

    /// <summary>What the student should do.</summary>
    public required string Fix { get; set; }

    /// <summary>Order in the reviewer's list.</summary>
    public int Position { get; set; }

    /// <summary>Hidden from new rejections (kept for old ones).</summary>
    public bool Retired { get; set; }
}

/// <summary>A payment attempt for an order through the school's provider.</summary>
public sealed class Payment : ITenantOwned
{
    /// <summary>Key; also the merchant order id sent to the provider.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The order.</summary>
    public Guid OrderId { get; set; }

    /// <summary>Provider name, e.g. <c>sandbox</c>.</summary>
    public required string Provider { get; set; }

    /// <summary>Amount in fen.</summary>
    public long AmountFen { get; set; }

    /// <summary>Currency.</summary>
    public string Currency { get; set; } = "CNY";

    /// <summary><c>pending</c>, <c>succeeded</c>, <c>cancelled</c>, <c>failed</c>.</summary>
    public string State { get; set; } = Payments.PaymentStates.Pending;

    /// <summary>The provider's transaction id once paid.</summary>
    public string? ProviderReference { get; set; }

    /// <summary>The provider's id of the checkout it made (prepay id, Checkout Session id), or null.</summary>
    public string? ProviderCheckout { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the provider confirmed it (UTC).</summary>
    public DateTimeOffset? PaidAt { get; set; }

    /// <summary>When the provider-side order was closed (UTC), or null.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>A refund of (part of) a payment, tracked until the provider says it is final.</summary>
public sealed class Refund : ITenantOwned
{
    /// <summary>Key; also the merchant refund number sent to the provider.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The payment refunded.</summary>
    public Guid PaymentId { get; set; }

    /// <summary>Its order.</summary>
    public Guid OrderId { get; set; }

    /// <summary>Amount, fen.</summary>
    public long AmountFen { get; set; }

    /// <summary>Currency.</summary>
    public string Currency { get; set; } = "CNY";

    /// <summary>Why, as told to the student and the provider.</summary>
    public required string Reason { get; set; }

    /// <summary>State.</summary>
    public Payments.RefundState State { get; set; }

    /// <summary>The provider's refund id.</summary>
    public string? ProviderReference { get; set; }

    /// <summary>Who asked: a staff user id, or <c>system</c> for automatic refunds.</summary>
    public required string RequestedBy { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it became final (UTC).</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}
